package dev.detour.adapters.clinicaltrials;

import dev.detour.core.internal.Require;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.transport.BaseUrls;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach one configured ClinicalTrials.gov source; it takes no key.
 *
 * @param sourceName the source's name in the configuration, carried by every record and failure
 * @param baseUrl the API v2 root that {@code studies} is resolved against
 * @param limits the timeouts, size cap and concurrency of the HTTP client
 */
record ClinicalTrialsSettings(String sourceName, URI baseUrl, HttpLimits limits) {

    static final URI DEFAULT_BASE_URL = URI.create("https://clinicaltrials.gov/api/v2");

    static final HttpLimits DEFAULT_LIMITS =
            new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 8L * 1024 * 1024, 8);

    ClinicalTrialsSettings {
        Require.nonBlank(sourceName, "sourceName");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(limits, "limits");
    }

    /**
     * The settings of a configured entry of type {@code clinicaltrials}.
     *
     * @throws IllegalArgumentException if the base URL is not http(s), or plain http to a host that is not loopback
     *     without the entry allowing it
     */
    static ClinicalTrialsSettings from(AdapterSettings settings) {
        Require.nonNull(settings, "settings");
        URI url = BaseUrls.checked(settings, DEFAULT_BASE_URL);
        return new ClinicalTrialsSettings(settings.name(), url, DEFAULT_LIMITS.withOptionsOf(settings));
    }
}
