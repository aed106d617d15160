package dev.detour.app.config;

import dev.detour.app.config.ResilienceConfig.BackoffConfig;
import dev.detour.app.config.ResilienceConfig.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads the {@code resilience} section; missing keys take {@link ResilienceConfig#defaults()}. */
final class ResilienceReader {

    static final List<String> KEYS = List.of(
            "attempt-timeout", "max-retries", "backoff", "max-retry-wait", "circuit-breaker", "call-deadline");
    private static final List<String> BACKOFF_KEYS = List.of("initial", "max", "jitter");
    private static final List<String> BREAKER_KEYS = List.of("failure-threshold", "open-for");

    private ResilienceReader() {}

    static Optional<ResilienceConfig> read(Section resilience) {
        ResilienceConfig defaults = ResilienceConfig.defaults();
        resilience.allowOnly(KEYS);
        Optional<Duration> attemptTimeout = resilience.duration("attempt-timeout", defaults.attemptTimeout());
        Optional<Integer> maxRetries = resilience.wholeNumber("max-retries", defaults.maxRetries(), 0);
        Optional<BackoffConfig> backoff = backoff(resilience.section("backoff", Section.shape(BACKOFF_KEYS)));
        Optional<Duration> maxRetryWait = resilience.duration("max-retry-wait", defaults.maxRetryWait());
        Optional<CircuitBreakerConfig> breaker =
                circuitBreaker(resilience.section("circuit-breaker", Section.shape(BREAKER_KEYS)));
        Optional<Optional<Duration>> callDeadline = resilience.durationOrNone("call-deadline", defaults.callDeadline());
        if (attemptTimeout.isEmpty() || maxRetries.isEmpty() || backoff.isEmpty() || maxRetryWait.isEmpty()
                || breaker.isEmpty() || callDeadline.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResilienceConfig(attemptTimeout.get(), maxRetries.get(), backoff.get(),
                maxRetryWait.get(), breaker.get(), callDeadline.get()));
    }

    private static Optional<BackoffConfig> backoff(Section backoff) {
        BackoffConfig defaults = BackoffConfig.defaults();
        backoff.allowOnly(BACKOFF_KEYS);
        Optional<Duration> initial = backoff.duration("initial", defaults.initial());
        Optional<Duration> max = backoff.duration("max", defaults.max());
        Optional<Double> jitter = backoff.fraction("jitter", defaults.jitter());
        if (initial.isEmpty() || max.isEmpty() || jitter.isEmpty()) {
            return Optional.empty();
        }
        if (max.get().compareTo(initial.get()) < 0) {
            backoff.problems().add(backoff.at(backoff.has("max") ? "max" : "initial"), "max "
                    + Durations.format(max.get()) + (backoff.has("max") ? "" : " (the default)")
                    + " is shorter than initial " + Durations.format(initial.get())
                    + (backoff.has("initial") ? "" : " (the default)")
                    + "; make max at least as long as initial");
            return Optional.empty();
        }
        return Optional.of(new BackoffConfig(initial.get(), max.get(), jitter.get()));
    }

    private static Optional<CircuitBreakerConfig> circuitBreaker(Section breaker) {
        CircuitBreakerConfig defaults = CircuitBreakerConfig.defaults();
        breaker.allowOnly(BREAKER_KEYS);
        Optional<Integer> threshold = breaker.wholeNumber("failure-threshold", defaults.failureThreshold(), 1);
        Optional<Duration> openFor = breaker.duration("open-for", defaults.openFor());
        if (threshold.isEmpty() || openFor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CircuitBreakerConfig(threshold.get(), openFor.get()));
    }
}
