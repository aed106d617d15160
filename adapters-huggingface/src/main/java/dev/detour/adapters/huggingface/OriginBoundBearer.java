package dev.detour.adapters.huggingface;

import dev.detour.core.secret.Secret;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Writes the token as {@code Authorization: Bearer}, once, on requests to the configured origin only; a
 * request to any other scheme, host or port leaves without one. With no token, no header is sent.
 */
final class OriginBoundBearer implements Interceptor {

    private final HttpUrl origin;
    private final Secret token;

    OriginBoundBearer(HttpUrl origin, Secret token) {
        this.origin = origin;
        this.token = token;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request.Builder request = chain.request().newBuilder().removeHeader("Authorization");
        if (token != null && sameOrigin(chain.request().url())) {
            request.header("Authorization", "Bearer " + token.reveal());
        }
        return chain.proceed(request.build());
    }

    private boolean sameOrigin(HttpUrl url) {
        return url.scheme().equals(origin.scheme()) && url.host().equals(origin.host()) && url.port() == origin.port();
    }

    @Override
    public String toString() {
        return "OriginBoundBearer[origin=" + origin.scheme() + "://" + origin.host() + ":" + origin.port()
                + ", token=" + (token == null ? "none" : "set") + "]";
    }
}
