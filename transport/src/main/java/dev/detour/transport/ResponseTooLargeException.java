package dev.detour.transport;

import java.io.IOException;

/** A response body is, or grew, larger than the size cap; reading stopped there. */
final class ResponseTooLargeException extends IOException {

    private final long limit;

    ResponseTooLargeException(long limit) {
        super("the response body is larger than the size cap of " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
