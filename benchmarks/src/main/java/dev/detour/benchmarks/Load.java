package dev.detour.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Drives calls from many virtual threads at once and records each call's latency. */
final class Load {

    private Load() {}

    /**
     * Runs {@code calls} calls on each of {@code concurrency} virtual threads and adds their latencies to
     * {@code into}; throws the first failure, since a failed call has no meaningful latency.
     */
    static void run(int concurrency, int calls, Callable<?> call, Latencies into) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                long[] latencies = new long[calls];
                int done = 0;
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    try {
                        call.call();
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                        failure.compareAndSet(null, e);
                        continue;
                    }
                    latencies[done++] = System.nanoTime() - start;
                }
                if (into != null) {
                    into.addAll(latencies, done);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failures.get() + " of " + (concurrency * calls)
                    + " benchmark calls failed; the first: " + failure.get(), failure.get());
        }
    }
}
