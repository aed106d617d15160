package dev.detour.core.model;

/** The prompt does not fit the model's context window; never retried, a larger model may fit. */
public final class ContextLengthExceededException extends ModelCallException {

    ContextLengthExceededException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
    }
}
