package dev.detour.core.model;

import dev.detour.core.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * The provider asks to slow down (HTTP 429, or a Hugging Face model still loading), possibly saying
 * how long to wait; retried after that wait when it is not longer than the configured cap.
 */
public final class RateLimitedException extends ModelCallException {

    private final Duration retryAfter;

    RateLimitedException(Builder builder) {
        super(builder);
        this.retryAfter = builder.retryAfter().orElse(null);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.RATE_LIMITED;
    }

    /** How long the provider asked to wait before the next request, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    String extraMessage() {
        return retryAfter == null ? "" : "provider asks to wait " + Durations.human(retryAfter);
    }
}
