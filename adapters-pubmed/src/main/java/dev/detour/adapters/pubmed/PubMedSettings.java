package dev.detour.adapters.pubmed;

import dev.detour.core.internal.Require;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.transport.BaseUrls;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach one configured PubMed source.
 *
 * @param sourceName the source's name in the configuration, carried by every record and failure
 * @param baseUrl the E-utilities root that {@code esearch.fcgi} and {@code efetch.fcgi} are resolved against
 * @param apiKey NCBI's key, sent as the {@code api_key} query parameter; empty for keyless use
 * @param email the contact address NCBI asks every tool to send, if configured
 * @param limits the timeouts, size cap and concurrency of the HTTP client
 */
record PubMedSettings(String sourceName, URI baseUrl, Optional<Secret> apiKey, Optional<String> email, HttpLimits limits) {

    static final URI DEFAULT_BASE_URL = URI.create("https://eutils.ncbi.nlm.nih.gov/entrez/eutils");

    /** The name NCBI sees in the {@code tool} parameter. */
    static final String TOOL = "detour";

    static final HttpLimits DEFAULT_LIMITS =
            new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 4L * 1024 * 1024, 8);

    PubMedSettings {
        Require.nonBlank(sourceName, "sourceName");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(apiKey, "apiKey");
        Require.nonNull(email, "email");
        Require.nonNull(limits, "limits");
    }

    /**
     * The settings of a configured entry of type {@code pubmed}.
     *
     * @throws IllegalArgumentException if the base URL is not http(s), or plain http to a host that is not loopback
     *     without the entry allowing it
     */
    static PubMedSettings from(AdapterSettings settings, AdapterKey key) {
        Require.nonNull(settings, "settings");
        Require.nonNull(key, "key");
        URI url = BaseUrls.checked(settings, DEFAULT_BASE_URL);
        return new PubMedSettings(settings.name(), url, key.secret(), settings.option(PubMedSourceType.EMAIL),
                DEFAULT_LIMITS.withOptionsOf(settings));
    }
}
