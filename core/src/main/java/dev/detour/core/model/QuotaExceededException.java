package dev.detour.core.model;

/** The account's credits or quota are used up (HF 402, OpenAI 429 {@code insufficient_quota}); never retried, another provider may answer. */
public final class QuotaExceededException extends ModelCallException {

    QuotaExceededException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.QUOTA_EXCEEDED;
    }
}
