package dev.detour.transport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link DeadlineTimer} whose deadlines pass when the test says so, not when a clock does. */
final class ManualDeadlines implements DeadlineTimer {

    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public synchronized Runnable schedule(Instant deadline, Runnable expire) {
        pending.add(expire);
        notifyAll();
        return () -> cancel(expire);
    }

    private synchronized void cancel(Runnable expire) {
        pending.remove(expire);
    }

    /** Waits until {@code count} deadlines are pending. */
    synchronized void awaitPending(int count) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (pending.size() < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(pending.size() + " deadlines pending, expected " + count);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Lets every pending deadline pass. */
    void expireAll() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(pending);
            pending.clear();
        }
        due.forEach(Runnable::run);
    }

    /** Lets the deadline scheduled last pass. */
    void expireLatest() {
        Runnable due;
        synchronized (this) {
            due = pending.removeLast();
        }
        due.run();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    @Override
    public synchronized void close() {
        pending.clear();
    }
}
