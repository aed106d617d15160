package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.util.Map;
import java.util.Optional;

/**
 * Where the configuration reads environment variables: the process environment, or a fixed map in tests
 * and embedding backends. Keys are only ever read from here, never from a configuration file.
 */
@FunctionalInterface
public interface Environment {

    /** The raw value of the variable {@code name}, or null when it is unset. */
    String get(String name);

    /** The value of the variable {@code name}, empty when it is unset or blank. */
    default Optional<String> variable(String name) {
        return Optional.ofNullable(get(name)).filter(value -> !value.isBlank());
    }

    /** The environment of this process. */
    static Environment system() {
        return System::getenv;
    }

    /** An environment holding exactly {@code variables}. */
    static Environment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(Require.nonNull(variables, "variables"));
        return copy::get;
    }
}
