package dev.detour.adapters.huggingface;

import java.io.IOException;

/** A response body grew past the configured cap; reading stopped there. */
final class BodyTooLargeException extends IOException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super("response body larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
