package dev.detour.core.spi;

import dev.detour.core.internal.Require;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One configured entry as its adapter type receives it: the entry's name, where its API is, whether plain
 * {@code http://} to a host that is not loopback is allowed, and the type's own options as text. Read the
 * options through {@link #option(Option)} and {@link #optionFamily(Option)}, never by hand.
 *
 * @param name the entry's name in the configuration, such as {@code hf}; model references start with it
 * @param baseUrl where its API is
 * @param allowInsecureHttp whether an {@code http://} base URL to a host that is not loopback is allowed
 * @param options the type's options by key, as written, such as {@code read-timeout -> 30s}
 */
public record AdapterSettings(String name, URI baseUrl, boolean allowInsecureHttp, Map<String, String> options) {

    public AdapterSettings {
        Require.nonBlank(name, "name");
        Require.nonNull(baseUrl, "baseUrl");
        options = Collections.unmodifiableMap(new TreeMap<>(Require.nonNull(options, "options")));
    }

    /** An entry {@code name} at {@code baseUrl} with no options and no insecure http. */
    public static AdapterSettings of(String name, URI baseUrl) {
        return new AdapterSettings(name, baseUrl, false, Map.of());
    }

    /** These settings with {@code value} as their options. */
    public AdapterSettings withOptions(Map<String, String> value) {
        return new AdapterSettings(name, baseUrl, allowInsecureHttp, value);
    }

    /**
     * The value of the single-key {@code option}, if the entry sets it.
     *
     * @throws IllegalArgumentException naming the option, if its text is unreadable
     */
    public <T> Optional<T> option(Option<T> option) {
        Require.nonNull(option, "option");
        if (option.isFamily()) {
            throw new IllegalArgumentException(option.key() + " is a family of options; read it with optionFamily");
        }
        return Optional.ofNullable(options.get(option.key())).map(text -> read(option, option.key(), text));
    }

    /**
     * The values of the family {@code option} the entry sets, by the name after the prefix: {@code novita} for
     * {@code route.novita}.
     *
     * @throws IllegalArgumentException naming the option, if a text is unreadable
     */
    public <T> Map<String, T> optionFamily(Option<T> option) {
        Require.nonNull(option, "option");
        if (!option.isFamily()) {
            throw new IllegalArgumentException(option.key() + " is a single option; read it with option");
        }
        Map<String, T> values = new TreeMap<>();
        options.forEach((key, text) -> {
            if (option.admits(key)) {
                values.put(option.nameIn(key), read(option, key, text));
            }
        });
        return Collections.unmodifiableMap(values);
    }

    private static <T> T read(Option<T> option, String key, String text) {
        try {
            return option.read(key, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + key + ": " + e.getMessage(), e);
        }
    }
}
