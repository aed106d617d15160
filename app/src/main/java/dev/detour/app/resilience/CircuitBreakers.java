package dev.detour.app.resilience;

import dev.detour.app.config.ResilienceConfig.CircuitBreakerConfig;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One circuit breaker per model reference, shared by every run in the process, so that a model that
 * keeps failing is skipped by all of them until it has had time to recover.
 *
 * <p>Bind it as a singleton; a second instance would forget what the first learnt. Give it the clock
 * the chain reads deadlines from, so {@code open-for} is measured on the same time line.
 */
public final class CircuitBreakers {

    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final ConcurrentMap<ModelRef, ModelBreaker> breakers = new ConcurrentHashMap<>();

    /** Breakers that measure {@code open-for} on the system clock. */
    public CircuitBreakers(CircuitBreakerConfig config) {
        this(config, Clock.systemUTC());
    }

    public CircuitBreakers(CircuitBreakerConfig config, Clock clock) {
        this.config = Require.nonNull(config, "config");
        this.clock = Require.nonNull(clock, "clock");
    }

    ModelBreaker of(ModelRef model) {
        return breakers.computeIfAbsent(model, ignored -> new ModelBreaker(config, clock));
    }

    /** Where {@code model}'s breaker stands now. */
    public CircuitState circuit(ModelRef model) {
        ModelBreaker breaker = of(Require.nonNull(model, "model"));
        Duration remaining = breaker.remainingOpen();
        CircuitState.Position position = switch (breaker.state()) {
            case CLOSED -> CircuitState.Position.CLOSED;
            case OPEN -> remaining.isZero() ? CircuitState.Position.HALF_OPEN : CircuitState.Position.OPEN;
            case HALF_OPEN -> CircuitState.Position.HALF_OPEN;
        };
        return new CircuitState(position, remaining, breaker.consecutiveFailures());
    }

    /** The state of {@code model}'s breaker: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    String state(ModelRef model) {
        return of(model).state().name();
    }
}
