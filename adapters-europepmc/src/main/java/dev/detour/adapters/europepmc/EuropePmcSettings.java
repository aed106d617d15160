package dev.detour.adapters.europepmc;

import dev.detour.core.internal.Require;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.transport.BaseUrls;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach one configured Europe PMC source; it takes no key.
 *
 * @param sourceName the source's name in the configuration, carried by every record and failure
 * @param baseUrl the REST root that {@code search} is resolved against
 * @param limits the timeouts, size cap and concurrency of the HTTP client
 */
record EuropePmcSettings(String sourceName, URI baseUrl, HttpLimits limits) {

    static final URI DEFAULT_BASE_URL = URI.create("https://www.ebi.ac.uk/europepmc/webservices/rest");

    static final HttpLimits DEFAULT_LIMITS =
            new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 8L * 1024 * 1024, 8);

    EuropePmcSettings {
        Require.nonBlank(sourceName, "sourceName");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(limits, "limits");
    }

    /**
     * The settings of a configured entry of type {@code europepmc}.
     *
     * @throws IllegalArgumentException if the base URL is not http(s), or plain http to a host that is not loopback
     *     without the entry allowing it
     */
    static EuropePmcSettings from(AdapterSettings settings) {
        Require.nonNull(settings, "settings");
        URI url = BaseUrls.checked(settings, DEFAULT_BASE_URL);
        return new EuropePmcSettings(settings.name(), url, DEFAULT_LIMITS.withOptionsOf(settings));
    }
}
