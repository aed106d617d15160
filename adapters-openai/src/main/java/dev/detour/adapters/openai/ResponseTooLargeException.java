package dev.detour.adapters.openai;

import java.io.IOException;

/** A response body went past the configured size cap; reading stopped there. */
final class ResponseTooLargeException extends IOException {

    ResponseTooLargeException(long limit) {
        super("the response body is larger than the size cap of " + limit + " bytes");
    }
}
