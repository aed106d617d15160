package dev.detour.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C into a clean cancellation: the shutdown hook cancels the run, then holds the JVM open
 * until the command has printed what the run had (at most a few seconds).
 */
final class Interruption implements AutoCloseable {

    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private Interruption(Runnable cancel) {
        this.hook = new Thread(() -> {
            SHUTTING_DOWN.set(true);
            cancel.run();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "detour-interrupt");
    }

    /** Cancels with {@code cancel} when the process is asked to stop, until closed. */
    static Interruption onInterrupt(Runnable cancel) {
        Interruption interruption = new Interruption(cancel);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** Whether the process is stopping because it was interrupted. */
    static boolean shuttingDown() {
        return SHUTTING_DOWN.get();
    }

    /** The command has written what it had; the process may stop. */
    @Override
    public void close() {
        finished.countDown();
        if (!SHUTTING_DOWN.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM began shutting down in between: the hook runs and sees the latch released.
            }
        }
    }
}
