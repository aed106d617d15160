package dev.detour.app.resilience;

import dev.detour.app.config.ResilienceConfig.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The circuit breaker of one model: opens after {@code failure-threshold} consecutive provider failures,
 * stays open for {@code open-for} on its clock, then admits exactly one trial at a time until a trial
 * closes it (success) or opens it again (failure). A trial that ends without a verdict (a cancellation,
 * the caller's deadline) hands its place to the next caller.
 *
 * <p>Every decision is made under one lock, so no caller acts on a state another caller already left.
 */
final class ModelBreaker {

    /** Where the breaker stands. */
    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final CircuitBreakerConfig config;
    private final Clock clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;
    private long generation;

    ModelBreaker(CircuitBreakerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Leave to send one request, or empty when the breaker is open or its one trial is in flight. */
    synchronized Optional<Permit> tryAcquire() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(config.openFor()))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
            generation++;
        }
        return switch (state) {
            case CLOSED -> Optional.of(new Permit(generation, false));
            case OPEN -> Optional.empty();
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield Optional.empty();
                }
                trialInFlight = true;
                yield Optional.of(new Permit(generation, true));
            }
        };
    }

    synchronized State state() {
        return state;
    }

    /** The provider failures in a row it has counted while closed. */
    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** How long until a trial is let through: zero when one may go now or is in flight. */
    synchronized Duration remainingOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), openedAt.plus(config.openFor()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private synchronized void succeeded(Permit permit) {
        if (permit.generation != generation) {
            return;
        }
        if (permit.trial || state == State.CLOSED) {
            close();
        }
    }

    private synchronized void failed(Permit permit) {
        if (permit.generation != generation) {
            return;
        }
        if (permit.trial || (state == State.CLOSED && ++consecutiveFailures >= config.failureThreshold())) {
            open();
        }
    }

    private synchronized void released(Permit permit) {
        if (permit.trial && permit.generation == generation) {
            trialInFlight = false;
        }
    }

    private void close() {
        if (state != State.CLOSED) {
            generation++;
        }
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
        consecutiveFailures = 0;
        trialInFlight = false;
        generation++;
    }

    /**
     * Leave for one request. Report how it went exactly once: {@link #succeeded}, {@link #failed} (a provider
     * failure), or {@link #released} when the attempt says nothing about the provider's health.
     */
    final class Permit {

        private final long generation;
        private final boolean trial;
        private boolean reported;

        private Permit(long generation, boolean trial) {
            this.generation = generation;
            this.trial = trial;
        }

        void succeeded() {
            if (firstReport()) {
                ModelBreaker.this.succeeded(this);
            }
        }

        void failed() {
            if (firstReport()) {
                ModelBreaker.this.failed(this);
            }
        }

        void released() {
            if (firstReport()) {
                ModelBreaker.this.released(this);
            }
        }

        private boolean firstReport() {
            boolean first = !reported;
            reported = true;
            return first;
        }
    }
}
