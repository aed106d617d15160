package dev.detour.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C into a clean cancellation: the shutdown hook cancels the run, then holds the JVM open
 * until the command has ended, having printed what the run had and closed its session, which exports the
 * run's last spans (at most a few seconds).
 */
final class Interruption implements AutoCloseable {

    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();
    private static final CountDownLatch COMMAND_ENDED = new CountDownLatch(1);

    private final Thread hook;

    private Interruption(Runnable cancel) {
        this.hook = new Thread(() -> {
            SHUTTING_DOWN.set(true);
            cancel.run();
            try {
                COMMAND_ENDED.await(15, TimeUnit.SECONDS);
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

    /** The command has ended and closed all it opened; a process being stopped may stop now. */
    static void commandEnded() {
        COMMAND_ENDED.countDown();
    }

    /** No longer cancels on a stop; a stop already under way waits for {@link #commandEnded()}. */
    @Override
    public void close() {
        if (!SHUTTING_DOWN.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM began shutting down in between: the hook runs and waits for the command's end.
            }
        }
    }
}
