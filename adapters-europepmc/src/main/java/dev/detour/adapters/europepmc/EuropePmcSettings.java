package dev.detour.adapters.europepmc;

import dev.detour.core.internal.Require;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.wire.LoopbackHosts;
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
        URI url = settings.baseUrl();
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("base-url of source " + settings.name() + " must be an http(s) URL such as "
                    + DEFAULT_BASE_URL);
        }
        if ("http".equals(url.getScheme()) && !settings.allowInsecureHttp() && !LoopbackHosts.isLoopback(url.getHost())) {
            throw new IllegalArgumentException("base-url of source " + settings.name() + " uses plain http to "
                    + url.getHost() + "; use https, or allow insecure http for this source if the network is trusted");
        }
        return new EuropePmcSettings(settings.name(), url, DEFAULT_LIMITS.withOptionsOf(settings));
    }
}
