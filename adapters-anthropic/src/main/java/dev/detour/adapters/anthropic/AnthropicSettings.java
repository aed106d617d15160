package dev.detour.adapters.anthropic;

import dev.detour.core.internal.Require;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.transport.BaseUrls;
import java.net.URI;
import java.util.Optional;

/**
 * How to reach one Anthropic provider: its configured name, the API root that {@code v1/messages} is appended
 * to, the key (sent as {@code x-api-key}), the variable it comes from (named in messages, never the key) and
 * the HTTP limits. Build it with {@link #from}, which refuses plain http to a host that is not loopback.
 */
public record AnthropicSettings(String providerName, URI baseUrl, Optional<Secret> apiKey,
        Optional<String> apiKeyVariable, HttpLimits limits) {

    /** Anthropic's own API root. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");

    public AnthropicSettings {
        Require.nonBlank(providerName, "providerName");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(apiKey, "apiKey");
        Require.nonNull(apiKeyVariable, "apiKeyVariable");
        Require.nonNull(limits, "limits");
    }

    /**
     * The settings of a configured provider of type {@code anthropic}, with the options of {@link HttpLimits}.
     *
     * @throws IllegalArgumentException naming what is wrong and what to write instead
     */
    public static AnthropicSettings from(AdapterSettings settings, AdapterKey key) {
        URI url = BaseUrls.checked(Require.nonNull(settings, "settings"), DEFAULT_BASE_URL);
        return new AnthropicSettings(settings.name(), url, Require.nonNull(key, "key").secret(), key.variable(),
                HttpLimits.MODEL_CALLS.withOptionsOf(settings));
    }
}
