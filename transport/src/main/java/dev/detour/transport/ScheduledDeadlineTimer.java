package dev.detour.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The wall-clock {@link DeadlineTimer}: one virtual thread per provider waits for the next deadline. */
final class ScheduledDeadlineTimer implements DeadlineTimer {

    private final ScheduledThreadPoolExecutor scheduler;

    ScheduledDeadlineTimer(String providerName) {
        scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofVirtual().name("detour-" + providerName + "-deadlines").factory());
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Runnable schedule(Instant deadline, Runnable expire) {
        long delay = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
        ScheduledFuture<?> pending = scheduler.schedule(expire, delay, TimeUnit.NANOSECONDS);
        return () -> pending.cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
