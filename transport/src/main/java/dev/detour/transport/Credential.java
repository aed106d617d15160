package dev.detour.transport;

import dev.detour.core.internal.Require;
import dev.detour.core.secret.Secret;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request header that carries a provider's key: {@code Authorization: Bearer <key>}, or a named
 * header such as {@code x-api-key}. An {@link HttpTransport} writes it only on requests to its own
 * origin; {@link #none()} sends nothing, for keyless local servers.
 */
public final class Credential {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Credential NONE = new Credential(null, "", null);

    private final String header;
    private final String prefix;
    private final Secret secret;

    private Credential(String header, String prefix, Secret secret) {
        this.header = header;
        this.prefix = prefix;
        this.secret = secret;
    }

    /** {@code Authorization: Bearer <secret>}. */
    public static Credential bearer(Secret secret) {
        return new Credential("Authorization", "Bearer ", Require.nonNull(secret, "secret"));
    }

    /** {@code <name>: <secret>}, such as {@code x-api-key}. */
    public static Credential header(String name, Secret secret) {
        Require.nonBlank(name, "name");
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be an HTTP header name such as x-api-key, was \""
                    + name + "\"");
        }
        return new Credential(name, "", Require.nonNull(secret, "secret"));
    }

    /** No credential: nothing is sent. */
    public static Credential none() {
        return NONE;
    }

    /** The header's name, such as {@code Authorization}; empty for {@link #none()}. */
    public Optional<String> headerName() {
        return Optional.ofNullable(header);
    }

    /** The header's value, revealed for the one place that writes it on the wire. */
    String headerValue() {
        return prefix + secret.reveal();
    }

    @Override
    public String toString() {
        return header == null ? "Credential[none]" : "Credential[" + header.toLowerCase(Locale.ROOT) + ": ****]";
    }
}
