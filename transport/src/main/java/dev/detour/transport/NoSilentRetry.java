package dev.detour.transport;

import okhttp3.Headers;
import okhttp3.Response;

/**
 * Keeps OkHttp's own follow-up logic away from a 503's {@code Retry-After}: on the wire (in {@link WireRules})
 * the header is held under another name, and the {@link HttpHead} Detour reads has it back. OkHttp would
 * otherwise resend the request on its own after {@code Retry-After: 0} (whether and when to try again is the
 * resilience chain's decision, and a hidden second request is a hidden second charge), and fail on its thread
 * with a {@code NumberFormatException} for a wait larger than an int, losing the status and the body.
 */
final class NoSilentRetry {

    private static final String RETRY_AFTER = "Retry-After";
    private static final String HELD = "Detour-Held-Retry-After";

    private NoSilentRetry() {}

    /** The response from the wire, with a 503's {@code Retry-After} held before OkHttp's follow-up logic reads it. */
    static Response holding(Response response) {
        String value = response.code() == 503 ? response.header(RETRY_AFTER) : null;
        return value == null ? response
                : response.newBuilder().removeHeader(RETRY_AFTER).header(HELD, value).build();
    }

    /** The headers of a response with status {@code status}, with a held {@code Retry-After} given back. */
    static Headers restored(int status, Headers headers) {
        String value = status == 503 ? headers.get(HELD) : null;
        return value == null ? headers : headers.newBuilder().removeAll(HELD).set(RETRY_AFTER, value).build();
    }
}
