package dev.detour.app.resilience;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * The retries of one model or one source in one call: a try, then another after each failed try that planned a
 * retry, run as a standalone Failsafe execution made only once a retry is planned, so that a try runs on the
 * caller's own frame rather than inside an executor's.
 */
final class PlannedRetries {

    private static final RetryPolicy<Object> RETRIES = RetryPolicy.builder()
            .handle(RetryPlanned.class)
            .withMaxRetries(-1)
            .withDelayFn(execution -> ((RetryPlanned) execution.getLastException()).wait)
            .build();

    private PlannedRetries() {}

    /**
     * What {@code tryOnce} answers at its first try that does not throw {@link RetryPlanned}; the failure of a
     * planned retry that the policy no longer allows is thrown instead.
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
                if (execution.isComplete()) {
                    throw planned.failure;
                }
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
     * A try failed with {@code failure} and the retry rule planned another after {@code wait}, announced by
     * {@code announce} once it is allowed: the one failure the retry policy handles, so that the policy holds no
     * state of a call.
     */
    static final class RetryPlanned extends RuntimeException {

        private final transient RuntimeException failure;
        private final transient Duration wait;
        private final transient Runnable announce;

        RetryPlanned(RuntimeException failure, Duration wait) {
            this(failure, wait, () -> {});
        }

        RetryPlanned(RuntimeException failure, Duration wait, Runnable announce) {
            super(null, null, false, false);
            this.failure = failure;
            this.wait = wait;
            this.announce = announce;
        }
    }
}
