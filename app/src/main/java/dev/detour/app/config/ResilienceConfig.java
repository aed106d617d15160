package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.time.Duration;
import java.util.Optional;

/**
 * How the chain treats failures: the per-attempt timeout, retries with backoff, the longest provider
 * wait it honours, the circuit breaker, and the optional whole-call deadline.
 *
 * @param attemptTimeout the longest one attempt may take
 * @param maxRetries retries of the same model after its first try (0 = no retry)
 * @param backoff the delay between retries when the provider asks for none
 * @param maxRetryWait the longest provider-requested wait honoured; a longer one falls back at once
 * @param circuitBreaker when a model is skipped after repeated failures
 * @param callDeadline the longest one call through the whole chain may take, if limited
 */
public record ResilienceConfig(
        Duration attemptTimeout,
        int maxRetries,
        BackoffConfig backoff,
        Duration maxRetryWait,
        CircuitBreakerConfig circuitBreaker,
        Optional<Duration> callDeadline) {

    public ResilienceConfig {
        Require.positive(attemptTimeout, "attemptTimeout");
        Require.notNegative(maxRetries, "maxRetries");
        Require.nonNull(backoff, "backoff");
        Require.notNegative(maxRetryWait, "maxRetryWait");
        Require.nonNull(circuitBreaker, "circuitBreaker");
        Require.nonNull(callDeadline, "callDeadline");
        callDeadline.ifPresent(deadline -> Require.positive(deadline, "callDeadline"));
    }

    /** The documented defaults: 60 s attempts, 2 retries, 500 ms–8 s backoff, 30 s wait cap, 3 failures open for 30 s, 5 min calls. */
    public static ResilienceConfig defaults() {
        return new ResilienceConfig(Duration.ofSeconds(60), 2, BackoffConfig.defaults(), Duration.ofSeconds(30),
                CircuitBreakerConfig.defaults(), Optional.of(Duration.ofMinutes(5)));
    }

    /**
     * Exponential backoff with jitter.
     *
     * @param initial the first delay
     * @param max the longest delay
     * @param jitter the fraction (0 to 1) by which a delay is randomly shortened or lengthened
     */
    public record BackoffConfig(Duration initial, Duration max, double jitter) {

        public BackoffConfig {
            Require.positive(initial, "initial");
            Require.positive(max, "max");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max must not be shorter than initial, was " + max + " < " + initial);
            }
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
            }
        }

        public static BackoffConfig defaults() {
            return new BackoffConfig(Duration.ofMillis(500), Duration.ofSeconds(8), 0.25);
        }
    }

    /**
     * When to stop sending requests to a failing model.
     *
     * @param failureThreshold consecutive provider failures that open the breaker
     * @param openFor how long it stays open before one trial request is let through
     */
    public record CircuitBreakerConfig(int failureThreshold, Duration openFor) {

        public CircuitBreakerConfig {
            Require.positive(failureThreshold, "failureThreshold");
            Require.positive(openFor, "openFor");
        }

        public static CircuitBreakerConfig defaults() {
            return new CircuitBreakerConfig(3, Duration.ofSeconds(30));
        }
    }
}
