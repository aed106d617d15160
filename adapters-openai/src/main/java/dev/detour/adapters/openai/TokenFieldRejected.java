package dev.detour.adapters.openai;

import dev.detour.core.model.ModelCallException;

/**
 * The server answered HTTP 400 {@code unsupported_parameter} for the token-limit field that was sent;
 * the port resends with the other field. Carries the mapped failure in case that is not possible.
 */
final class TokenFieldRejected extends RuntimeException {

    private final transient ModelCallException failure;

    TokenFieldRejected(ModelCallException failure) {
        super(failure.getMessage(), null, false, false);
        this.failure = failure;
    }

    ModelCallException failure() {
        return failure;
    }
}
