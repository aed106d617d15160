package dev.detour.core.secret;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A credential (an API key or access token) that can be handed around without being printed.
 *
 * <p>{@code toString()} never shows the value; the only way to read it is {@link #reveal()}, which an
 * adapter calls exactly where it writes the {@code Authorization} header. Do not log, concatenate or
 * serialise the revealed value.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a credential.
     *
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value.strip());
    }

    /** The credential itself, for the one place that sends it to its provider. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
