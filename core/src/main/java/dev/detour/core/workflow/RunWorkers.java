package dev.detour.core.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Does numbered pieces of work on at most a given number of the run's threads (so cancelling the run
 * interrupts them) and waits for all of them; after the first failure or a cancellation, no new piece starts.
 */
final class RunWorkers {

    /** One piece of work, by its index. */
    @FunctionalInterface
    interface Piece {
        void run(int index) throws Exception;
    }

    private RunWorkers() {}

    /** Runs pieces {@code 0} to {@code count - 1}; the first failure, if one failed. */
    static Optional<Throwable> runAll(RunState run, String purpose, int count, int parallelism, Piece piece) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int worker = 0; worker < Math.min(parallelism, count); worker++) {
            workers.add(run.startWorker(purpose, () -> {
                while (firstFailure.get() == null && !run.isCancelled()) {
                    int index = next.getAndIncrement();
                    if (index >= count) {
                        return;
                    }
                    try {
                        piece.run(index);
                    } catch (Throwable failure) {
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            }));
        }
        joinAll(workers);
        return Optional.ofNullable(firstFailure.get());
    }

    private static void joinAll(List<Thread> workers) {
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (true) {
                try {
                    worker.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
