package dev.detour.app.provider;

import dev.detour.app.config.Environment;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import java.util.Optional;

/** Reads the key of a configured entry from the environment variable it names. */
final class AdapterKeys {

    private AdapterKeys() {}

    static AdapterKey read(Optional<String> variable, Environment environment) {
        return variable
                .map(name -> environment.variable(name)
                        .map(value -> AdapterKey.of(name, Secret.of(value)))
                        .orElseGet(() -> AdapterKey.unset(name)))
                .orElseGet(AdapterKey::none);
    }

    /**
     * Why the key in {@code variable} cannot go into a header (a line break or another control character), as a
     * problem of {@code keyPath}; never the key.
     */
    static Optional<String> unusable(Optional<String> variable, Environment environment, String keyPath) {
        return variable.filter(name -> environment.variable(name)
                        .filter(value -> value.strip().chars().anyMatch(Character::isISOControl)).isPresent())
                .map(name -> keyPath + ": the environment variable " + name
                        + " holds a line break or another control character inside the key, so it cannot be sent;"
                        + " set " + name + " to the key alone, on one line");
    }
}
