package dev.detour.adapters.openalex;

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
 * How to reach one configured OpenAlex source. OpenAlex requires a key since February 2026, so there are no
 * keyless settings.
 *
 * @param sourceName the source's name in the configuration, carried by every record and failure
 * @param baseUrl the API root that {@code works} is resolved against
 * @param apiKey OpenAlex's key, sent as the {@code api_key} query parameter
 * @param limits the timeouts, size cap and concurrency of the HTTP client
 */
record OpenAlexSettings(String sourceName, URI baseUrl, Secret apiKey, HttpLimits limits) {

    static final URI DEFAULT_BASE_URL = URI.create("https://api.openalex.org");

    /** The variable the key is read from unless the entry names another with {@code key-env}. */
    static final String KEY_VARIABLE = "OPENALEX_API_KEY";

    static final HttpLimits DEFAULT_LIMITS =
            new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 8L * 1024 * 1024, 8);

    OpenAlexSettings {
        Require.nonBlank(sourceName, "sourceName");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(apiKey, "apiKey");
        Require.nonNull(limits, "limits");
    }

    /**
     * The settings of a configured entry of type {@code openalex}.
     *
     * @throws IllegalArgumentException if there is no key, saying which variable to set; if the base URL is not
     *     http(s), or plain http to a host that is not loopback without the entry allowing it
     */
    static OpenAlexSettings from(AdapterSettings settings, AdapterKey key) {
        Require.nonNull(settings, "settings");
        Require.nonNull(key, "key");
        Secret secret = key.secret().orElseThrow(() -> new IllegalArgumentException(missingKey(settings, key).orElseThrow()));
        URI url = BaseUrls.checked(settings, DEFAULT_BASE_URL);
        return new OpenAlexSettings(settings.name(), url, secret, DEFAULT_LIMITS.withOptionsOf(settings));
    }

    /** Why the entry cannot be searched with {@code key}, naming the variable to set; empty when the key has a secret. */
    static Optional<String> missingKey(AdapterSettings settings, AdapterKey key) {
        Require.nonNull(settings, "settings");
        Require.nonNull(key, "key");
        if (key.secret().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("evidence source " + settings.name() + " (openalex) is not usable without a key: set "
                + key.variable().orElse(KEY_VARIABLE) + " to your OpenAlex API key (required since February 2026), or"
                + " leave " + settings.name() + " out of evidence.use");
    }
}
