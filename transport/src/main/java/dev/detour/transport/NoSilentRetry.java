package dev.detour.transport;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Stops OkHttp from resending a request on its own after HTTP 503 with {@code Retry-After: 0}, by
 * dropping that zero wait: whether and when to try again is the resilience chain's decision, and a
 * hidden second request would also be a hidden second charge.
 */
final class NoSilentRetry implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String retryAfter = response.header("Retry-After");
        if (response.code() == 503 && retryAfter != null && retryAfter.strip().matches("0+")) {
            return response.newBuilder().removeHeader("Retry-After").build();
        }
        return response;
    }
}
