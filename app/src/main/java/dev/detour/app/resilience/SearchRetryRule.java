package dev.detour.app.resilience;

import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.model.ErrorKind;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a failed search is tried again on the same source, and after what wait, by the chain's
 * {@link RetryRule}; a source that answers 429 without saying how long to wait (NCBI does) is given at least
 * {@link #RATE_LIMITED_WAIT}, so it is backed off from rather than hammered.
 */
final class SearchRetryRule {

    /** The shortest wait after a rate limit that named no wait. */
    static final Duration RATE_LIMITED_WAIT = Duration.ofSeconds(1);

    private final RetryRule rule;

    SearchRetryRule(RetryRule rule) {
        this.rule = rule;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first) after {@code failure}, or empty to give up.
     *
     * @param malformedSoFar how many tries so far gave a malformed answer, this one included
     * @param timeLeft the time left before the search's deadline, if it has one
     */
    Optional<Duration> waitBefore(int retry, SearchFailedException failure, int malformedSoFar,
            Optional<Duration> timeLeft) {
        Duration shortest = failure.kind() == ErrorKind.RATE_LIMITED ? RATE_LIMITED_WAIT : Duration.ZERO;
        return rule.waitBefore(retry, failure.kind(), failure.retryable(), failure.retryAfter(), shortest,
                malformedSoFar, timeLeft);
    }
}
