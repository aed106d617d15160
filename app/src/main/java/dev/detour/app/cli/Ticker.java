package dev.detour.app.cli;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs an action every so often on a daemon thread until closed, such as redrawing a status line. */
final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService executor;

    private Ticker(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Runs {@code action} every {@code period}, or never if {@code enabled} is false. */
    static Ticker every(Duration period, boolean enabled, Runnable action) {
        if (!enabled) {
            return new Ticker(null);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "detour-ticker");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(action, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new Ticker(executor);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
