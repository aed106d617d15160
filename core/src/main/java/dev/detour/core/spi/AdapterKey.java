package dev.detour.core.spi;

import dev.detour.core.internal.Require;
import dev.detour.core.secret.Secret;
import java.util.Optional;

/**
 * The key of one configured entry: the secret the app read from the environment variable the entry names,
 * and that variable's name for messages. Send the secret to the entry's own base URL only, never on a
 * redirect, and never put it in a message; name the {@link #variable()} instead.
 *
 * @param variable the environment variable the key is read from; empty when the entry names none
 * @param secret the key; empty when the entry names no variable or the variable is unset
 */
public record AdapterKey(Optional<String> variable, Optional<Secret> secret) {

    public AdapterKey {
        Require.nonNull(variable, "variable");
        Require.nonNull(secret, "secret");
        variable.ifPresent(name -> Require.nonBlank(name, "variable"));
    }

    /** No key: the entry names no variable, as for a local server. */
    public static AdapterKey none() {
        return new AdapterKey(Optional.empty(), Optional.empty());
    }

    /** The key {@code secret}, read from {@code variable}. */
    public static AdapterKey of(String variable, Secret secret) {
        return new AdapterKey(Optional.of(Require.nonBlank(variable, "variable")),
                Optional.of(Require.nonNull(secret, "secret")));
    }

    /** No key because {@code variable}, which the entry names, is unset. */
    public static AdapterKey unset(String variable) {
        return new AdapterKey(Optional.of(Require.nonBlank(variable, "variable")), Optional.empty());
    }

    @Override
    public String toString() {
        return "AdapterKey[" + (secret.isPresent() ? "from " + variable.orElse("the caller")
                : variable.map(name -> name + " unset").orElse("none")) + "]";
    }
}
