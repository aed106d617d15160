package dev.detour.transport;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Writes the credential (its header, or its query parameter) on requests to the configured origin (scheme,
 * host and port) and removes it from every other. Installed as a network interceptor (on its own, or through
 * {@link WireRules}), it decides for each request that goes on the wire, so even a client that followed a
 * redirect could not carry the key to another origin.
 */
final class OriginBoundCredential implements Interceptor {

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

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Request.Builder sent = request.newBuilder();
        writeOn(sent, request.url());
        return chain.proceed(sent.build());
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
