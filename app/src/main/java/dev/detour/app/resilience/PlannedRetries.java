package dev.detour.app.resilience;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * The tries of one model or one source in one call: a try, then another after each failed try for which a retry
 * was planned, once the planned wait is over. The caller caps the retries, throwing {@link RetryPlanned} only while
 * one more is allowed, since a resumed call counts its tries on from where it stopped.
 */
final class PlannedRetries {

    private static final RetryPolicy<Object> RETRIES = RetryPolicy.builder()
            .handle(RetryPlanned.class)
            .withMaxRetries(-1)
            .withDelayFn(execution -> ((RetryPlanned) execution.getLastException()).wait)
            .build();

    private PlannedRetries() {}

    /**
     * What {@code tryOnce} answers at its first try that does not throw {@link RetryPlanned}.
     *
     * @param interrupted the message of the {@link CancellationException} thrown when the wait is interrupted
     */
    static <T> T run(Supplier<T> tryOnce, Supplier<String> interrupted) {
        Execution<Object> execution = null;
        while (true) {
            try {
                return tryOnce.get();
            } catch (RetryPlanned planned) {
                if (execution == null) {
                    execution = Execution.of(RETRIES);
                }
                execution.recordException(planned);
                planned.announce.run();
                waitToRetry(execution.getDelay(), interrupted);
            }
        }
    }

    private static void waitToRetry(Duration wait, Supplier<String> interrupted) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException(interrupted.get());
        }
    }

    /**
     * A try failed and the retry rule planned another after {@code wait}, announced by {@code announce} as the wait
     * begins: the one failure the retry policy handles, so that the policy holds no state of a call.
     */
    static final class RetryPlanned extends RuntimeException {

        private final transient Duration wait;
        private final transient Runnable announce;

        RetryPlanned(Duration wait) {
            this(wait, () -> {});
        }

        RetryPlanned(Duration wait, Runnable announce) {
            super(null, null, false, false);
            this.wait = wait;
            this.announce = announce;
        }
    }
}
