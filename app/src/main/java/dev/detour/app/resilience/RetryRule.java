package dev.detour.app.resilience;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a failed attempt is tried again on the same model, and after what wait: the kind's
 * rule (a malformed answer once), the provider's instruction, then the provider's wait if it asked for one
 * within {@code max-retry-wait}, else exponential backoff. A wait that would not end before the call's
 * deadline is not worth sleeping: the chain falls back at once instead, while the next model has time.
 */
final class RetryRule {

    private final ResilienceConfig config;
    private final Backoff backoff;

    RetryRule(ResilienceConfig config, Backoff backoff) {
        this.config = config;
        this.backoff = backoff;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first) after {@code failure}, or empty to go on
     * to the next model.
     *
     * @param malformedSoFar how many of this model's tries so far gave a malformed answer, this one included
     * @param timeLeft the time left before the call's deadline, if it has one
     */
    Optional<Duration> waitBefore(int retry, ModelCallException failure, int malformedSoFar, Optional<Duration> timeLeft) {
        return waitBefore(retry, failure.kind(), failure.retryable(), failure.retryAfter(), Duration.ZERO, malformedSoFar,
                timeLeft);
    }

    /**
     * The same decision for a failure of {@code kind}, whether it may be {@code retryable} and the wait it asked
     * for, if any; {@code shortest} is the least wait when it asked for none.
     */
    Optional<Duration> waitBefore(int retry, ErrorKind kind, boolean retryable, Optional<Duration> retryAfter,
            Duration shortest, int malformedSoFar, Optional<Duration> timeLeft) {
        if (!retryable || (kind.retry() == ErrorKind.Retry.ONCE && malformedSoFar > 1)) {
            return Optional.empty();
        }
        if (retryAfter.filter(wait -> wait.compareTo(config.maxRetryWait()) > 0).isPresent()) {
            return Optional.empty();
        }
        Duration wait = retryAfter.orElseGet(() -> {
            Duration backedOff = backoff.before(retry);
            return backedOff.compareTo(shortest) < 0 ? shortest : backedOff;
        });
        if (timeLeft.isPresent() && wait.compareTo(timeLeft.get()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}
