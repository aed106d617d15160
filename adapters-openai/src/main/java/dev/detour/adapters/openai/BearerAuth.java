package dev.detour.adapters.openai;

import dev.detour.core.secret.Secret;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Writes {@code Authorization: Bearer} on requests to the configured base URL's origin and on no other,
 * so the key can reach only the provider it belongs to. Installed as a network interceptor, it decides
 * for every request that goes on the wire, a followed redirect included.
 */
final class BearerAuth implements Interceptor {

    private final Secret key;
    private final HttpUrl origin;

    BearerAuth(Secret key, HttpUrl origin) {
        this.key = key;
        this.origin = origin;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        boolean sameOrigin = url.scheme().equals(origin.scheme())
                && url.host().equalsIgnoreCase(origin.host())
                && url.port() == origin.port();
        if (!sameOrigin) {
            return chain.proceed(request.newBuilder().removeHeader("Authorization").build());
        }
        return chain.proceed(request.newBuilder().header("Authorization", "Bearer " + key.reveal()).build());
    }

    @Override
    public String toString() {
        return "BearerAuth[" + origin.scheme() + "://" + origin.host() + ":" + origin.port() + "]";
    }
}
