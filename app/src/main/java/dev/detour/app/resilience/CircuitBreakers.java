package dev.detour.app.resilience;

import dev.detour.app.config.ResilienceConfig.CircuitBreakerConfig;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import dev.failsafe.CircuitBreaker;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One circuit breaker per model reference, shared by every run in the process, so that a model that
 * keeps failing is skipped by all of them until it has had time to recover.
 *
 * <p>Bind it as a singleton; a second instance would forget what the first learnt.
 */
public final class CircuitBreakers {

    private final CircuitBreakerConfig config;
    private final ConcurrentMap<ModelRef, CircuitBreaker<Object>> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(CircuitBreakerConfig config) {
        this.config = Require.nonNull(config, "config");
    }

    CircuitBreaker<Object> of(ModelRef model) {
        return breakers.computeIfAbsent(model, ignored -> CircuitBreaker.builder()
                .withFailureThreshold(config.failureThreshold())
                .withDelay(config.openFor())
                .withSuccessThreshold(1)
                .build());
    }

    /** The state of {@code model}'s breaker: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    String state(ModelRef model) {
        return of(model).getState().name();
    }
}
