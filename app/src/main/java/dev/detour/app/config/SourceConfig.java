package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One configured evidence source: its adapter type, where its API is, and which environment variable holds
 * its key. Type-specific settings such as {@code email} or {@code requests-per-second} are kept as
 * {@code options}, validated by the source type.
 *
 * @param name the source's name, as {@code evidence.use} and {@code --sources} name it
 * @param type the adapter type, such as {@code pubmed}
 * @param baseUrl where its API is
 * @param keyEnv the environment variable holding its key; empty for a source that takes none
 * @param allowInsecureHttp whether an {@code http://} base URL on a non-loopback host is allowed
 * @param options type-specific settings by key
 */
public record SourceConfig(String name, String type, URI baseUrl, Optional<String> keyEnv, boolean allowInsecureHttp,
        Map<String, String> options) {

    public SourceConfig {
        Require.nonBlank(name, "name");
        Require.nonBlank(type, "type");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(keyEnv, "keyEnv");
        options = Collections.unmodifiableMap(new TreeMap<>(Require.nonNull(options, "options")));
    }

    /** The source {@code name} of type {@code type} at {@code baseUrl}, with no key and no options. */
    public static SourceConfig of(String name, String type, URI baseUrl) {
        return new SourceConfig(name, type, baseUrl, Optional.empty(), false, Map.of());
    }

    /** This source with {@code value} as its options. */
    public SourceConfig withOptions(Map<String, String> value) {
        return new SourceConfig(name, type, baseUrl, keyEnv, allowInsecureHttp, value);
    }
}
