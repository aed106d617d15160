package dev.detour.app.resilience;

import dev.detour.core.testing.MutableClock;
import dev.failsafe.RateLimiter;
import dev.failsafe.RateLimiterConfig;
import dev.failsafe.spi.PolicyExecutor;
import java.time.Duration;
import java.time.Instant;

/**
 * A rate limiter on the test's clock: its permits are free from an instant the test sets, and waiting for them
 * moves the clock there instead of sleeping, so that a test sees which waits a search accepts without waiting.
 */
final class ClockedRateLimiter implements RateLimiter<Object> {

    private static final Duration NOT_WITHIN = Duration.ofNanos(-1);

    private final MutableClock clock;
    private final Instant freeFrom;
    private final RateLimiterConfig<Object> config = RateLimiter.smoothBuilder(1, Duration.ofSeconds(1)).build().getConfig();
    private int granted;

    ClockedRateLimiter(MutableClock clock, Duration freeIn) {
        this.clock = clock;
        this.freeFrom = clock.instant().plus(freeIn);
    }

    /** The permits taken so far. */
    int granted() {
        return granted;
    }

    @Override
    public boolean tryAcquirePermits(int permits, Duration maxWaitTime) {
        Duration wait = tryReservePermits(permits, maxWaitTime);
        if (wait.isNegative()) {
            return false;
        }
        clock.advance(wait);
        return true;
    }

    @Override
    public Duration tryReservePermits(int permits, Duration maxWaitTime) {
        Duration wait = Duration.between(clock.instant(), freeFrom);
        wait = wait.isNegative() ? Duration.ZERO : wait;
        if (wait.compareTo(maxWaitTime) > 0) {
            return NOT_WITHIN;
        }
        granted += permits;
        return wait;
    }

    @Override
    public boolean tryAcquirePermits(int permits) {
        return tryAcquirePermits(permits, Duration.ZERO);
    }

    @Override
    public Duration reservePermits(int permits) {
        return tryReservePermits(permits, Duration.ofDays(365));
    }

    @Override
    public void acquirePermits(int permits) {
        clock.advance(reservePermits(permits));
    }

    @Override
    public RateLimiterConfig<Object> getConfig() {
        return config;
    }

    @Override
    public PolicyExecutor<Object> toExecutor(int policyIndex) {
        throw new UnsupportedOperationException("a search takes its permits itself; this limiter runs nothing");
    }
}
