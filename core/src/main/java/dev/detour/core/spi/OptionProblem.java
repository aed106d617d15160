package dev.detour.core.spi;

import dev.detour.core.internal.Require;

/**
 * What is wrong with one option of a configured entry. The app shows it under the option's key path, as
 * {@code providers.hf.read-timeout: "soon" is not a duration (use a number with a unit: 500ms, 30s, 5m)}.
 *
 * @param key the option as written, such as {@code read-timeout} or {@code route.novita}
 * @param message what is wrong with it and what to write instead, without the key
 */
public record OptionProblem(String key, String message) {

    public OptionProblem {
        Require.nonBlank(key, "key");
        Require.nonBlank(message, "message");
    }
}
