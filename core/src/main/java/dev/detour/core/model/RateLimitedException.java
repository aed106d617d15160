package dev.detour.core.model;

/**
 * The provider asks to slow down (HTTP 429, or a Hugging Face model still loading), usually saying
 * how long to wait ({@link #retryAfter()}); retried after that wait when it is not longer than the
 * configured cap, else the chain falls back at once.
 */
public final class RateLimitedException extends ModelCallException {

    RateLimitedException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.RATE_LIMITED;
    }
}
