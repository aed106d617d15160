package dev.detour.transport;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps OkHttp's own follow-up logic away from a 503's {@code Retry-After}: below it (as a network
 * interceptor) the header is held under another name, above it (as an application interceptor) it is put
 * back. OkHttp would otherwise resend the request on its own after {@code Retry-After: 0} (whether and when
 * to try again is the resilience chain's decision, and a hidden second request is a hidden second charge),
 * and fail on its thread with a {@code NumberFormatException} for a wait larger than an int, losing the
 * status and the body.
 */
final class NoSilentRetry {

    private static final String RETRY_AFTER = "Retry-After";
    private static final String HELD = "Detour-Held-Retry-After";

    private NoSilentRetry() {}

    /** The network interceptor, which holds the header before OkHttp's follow-up logic reads it. */
    static Interceptor holding() {
        return chain -> move(chain.proceed(chain.request()), RETRY_AFTER, HELD);
    }

    /** The application interceptor, which gives the response its header back. */
    static Interceptor restoring() {
        return chain -> move(chain.proceed(chain.request()), HELD, RETRY_AFTER);
    }

    private static Response move(Response response, String from, String to) throws IOException {
        String value = response.header(from);
        if (response.code() != 503 || value == null) {
            return response;
        }
        return response.newBuilder().removeHeader(from).header(to, value).build();
    }
}
