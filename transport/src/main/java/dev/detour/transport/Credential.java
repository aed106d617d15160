package dev.detour.transport;

import dev.detour.core.internal.Require;
import dev.detour.core.secret.Secret;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a request carries a provider's key: {@code Authorization: Bearer <key>}, a named header such as
 * {@code x-api-key}, or a query parameter such as NCBI's {@code api_key}. An {@link HttpTransport} writes it
 * only on requests to its own origin, after the request was built, so the key is in no URL or request an
 * adapter holds, and redacts it from everything the provider returns; {@link #none()} sends nothing, for
 * keyless local servers.
 */
public final class Credential {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Credential NONE = new Credential(null, "", null);

    private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z0-9._~-]+");

    private final String header;
    private final String prefix;
    private final Secret secret;
    private final String queryParameter;

    private Credential(String header, String prefix, Secret secret) {
        this(header, prefix, secret, null);
    }

    private Credential(String header, String prefix, Secret secret, String queryParameter) {
        this.header = header;
        this.prefix = prefix;
        this.secret = secret;
        this.queryParameter = queryParameter;
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

    /** The query parameter {@code <name>=<secret>}, such as {@code api_key}, for services that take keys only so. */
    public static Credential queryParameter(String name, Secret secret) {
        Require.nonBlank(name, "name");
        if (!QUERY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be a query parameter name such as api_key, was \""
                    + name + "\"");
        }
        return new Credential(null, "", Require.nonNull(secret, "secret"), name);
    }

    /** No credential: nothing is sent. */
    public static Credential none() {
        return NONE;
    }

    /** The header's name, such as {@code Authorization}; empty for {@link #none()} and a query parameter. */
    public Optional<String> headerName() {
        return Optional.ofNullable(header);
    }

    /** The query parameter's name, such as {@code api_key}; empty unless the key is sent so. */
    Optional<String> queryParameterName() {
        return Optional.ofNullable(queryParameter);
    }

    /** The key, for the one place that writes it on the wire and the one that redacts it from answers. */
    Optional<Secret> secret() {
        return Optional.ofNullable(secret);
    }

    /** The header's value, revealed for the one place that writes it on the wire. */
    String headerValue() {
        return prefix + secret.reveal();
    }

    @Override
    public String toString() {
        if (queryParameter != null) {
            return "Credential[?" + queryParameter + "=****]";
        }
        return header == null ? "Credential[none]" : "Credential[" + header.toLowerCase(Locale.ROOT) + ": ****]";
    }
}
