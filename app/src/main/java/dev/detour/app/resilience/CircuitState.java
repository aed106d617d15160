package dev.detour.app.resilience;

import dev.detour.core.internal.Require;
import java.time.Duration;

/**
 * Where a model's circuit breaker stands, for a display of the chain's health.
 *
 * @param position closed (calls go through), open (calls are skipped) or half-open (one trial call goes through)
 * @param remainingOpen how long an open breaker stays open; zero unless it is open
 * @param recentFailures the provider failures it counts now
 */
public record CircuitState(Position position, Duration remainingOpen, int recentFailures) {

    /** The breaker's positions. */
    public enum Position { CLOSED, OPEN, HALF_OPEN }

    public CircuitState {
        Require.nonNull(position, "position");
        Require.nonNull(remainingOpen, "remainingOpen");
        Require.notNegative(recentFailures, "recentFailures");
    }
}
