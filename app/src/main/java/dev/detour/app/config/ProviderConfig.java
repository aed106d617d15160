package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One configured provider: its adapter type, where it is, and which environment variable holds its
 * key. Type-specific settings are kept as {@code options}, validated by the provider type.
 *
 * @param name the provider's name, as chain entries use it ({@code hf} in {@code hf:Qwen/...})
 * @param type the adapter type, such as {@code huggingface} or {@code openai}
 * @param baseUrl where its API is
 * @param tokenEnv the environment variable holding its key; empty for keyless local servers
 * @param allowInsecureHttp whether an {@code http://} base URL on a non-loopback host is allowed
 * @param options type-specific settings by key, such as {@code token-limit-field}
 */
public record ProviderConfig(
        String name,
        String type,
        URI baseUrl,
        Optional<String> tokenEnv,
        boolean allowInsecureHttp,
        Map<String, String> options) {

    public ProviderConfig {
        Require.nonBlank(name, "name");
        Require.nonBlank(type, "type");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(tokenEnv, "tokenEnv");
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(Require.nonNull(options, "options")));
    }

    /** The option {@code key}, if set. */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** This provider at another base URL. */
    public ProviderConfig withBaseUrl(URI value) {
        return new ProviderConfig(name, type, value, tokenEnv, allowInsecureHttp, options);
    }
}
