package dev.detour.transport;

import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Writes the credential (its header, or its query parameter) on requests to the configured origin (scheme,
 * host and port) and removes it from every other. {@link WireRules}, a network interceptor, has it decide for
 * each request that goes on the wire, so even a client that followed a redirect could not carry the key to
 * another origin.
 */
final class OriginBoundCredential {

    private final Credential credential;
    private final String header;
    private final String parameter;
    private final HttpUrl origin;

    OriginBoundCredential(Credential credential, HttpUrl origin) {
        this.credential = credential;
        this.header = credential.headerName().orElse(null);
        this.parameter = credential.queryParameterName().orElse(null);
        this.origin = origin;
    }

    /** Writes the credential on {@code sent}, a request to {@code url}, if that is its origin, and removes it otherwise. */
    void writeOn(Request.Builder sent, HttpUrl url) {
        boolean own = sameOrigin(url);
        if (parameter != null) {
            HttpUrl.Builder bound = url.newBuilder().removeAllQueryParameters(parameter);
            if (own) {
                bound.addQueryParameter(parameter, credential.secret().orElseThrow().reveal());
            }
            sent.url(bound.build());
            return;
        }
        sent.removeHeader(header);
        if (own) {
            sent.header(header, credential.headerValue());
        }
    }

    private boolean sameOrigin(HttpUrl url) {
        return url.scheme().equals(origin.scheme()) && url.host().equalsIgnoreCase(origin.host())
                && url.port() == origin.port();
    }

    @Override
    public String toString() {
        return "OriginBoundCredential[" + (header != null ? header : "?" + parameter) + " for " + origin.scheme() + "://" + origin.host() + ":"
                + origin.port() + "]";
    }
}
