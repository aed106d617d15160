package dev.detour.transport;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A provider's {@code max-concurrent-calls} slots, handed out first come, first served. A caller waits
 * for one until it is free, its deadline passes or it is interrupted; whoever ends a wait early
 * ({@link #wake}) must have made its reason visible first.
 */
final class CallSlots {

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int free;

    CallSlots(int slots) {
        this.free = slots;
    }

    /**
     * Takes a slot for the calling thread, waiting in turn.
     *
     * @return false if {@code expired} became true before a slot was free, or as one was handed over (no slot
     *     is then held)
     * @throws InterruptedException if the calling thread is or gets interrupted first (its flag stays set)
     */
    boolean acquire(BooleanSupplier expired) throws InterruptedException {
        if (!takeOrWait(expired)) {
            return false;
        }
        if (expired.getAsBoolean()) {
            release();
            return false;
        }
        return true;
    }

    private boolean takeOrWait(BooleanSupplier expired) throws InterruptedException {
        Waiter waiter;
        lock.lock();
        try {
            if (free > 0 && waiting.isEmpty()) {
                free--;
                return true;
            }
            waiter = new Waiter(Thread.currentThread());
            waiting.add(waiter);
        } finally {
            lock.unlock();
        }
        while (!waiter.granted) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            if (interrupted || expired.getAsBoolean()) {
                leave(waiter);
                if (interrupted) {
                    throw new InterruptedException();
                }
                return false;
            }
            LockSupport.park(this);
        }
        return true;
    }

    /** Gives a slot back: to the caller that has waited longest, if any. */
    void release() {
        lock.lock();
        try {
            Waiter next = waiting.poll();
            if (next == null) {
                free++;
            } else {
                next.granted = true;
                LockSupport.unpark(next.thread);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code thread} look again at why it waits. */
    static void wake(Thread thread) {
        LockSupport.unpark(thread);
    }

    private void leave(Waiter waiter) {
        lock.lock();
        try {
            if (!waiting.remove(waiter)) {
                release();
            }
        } finally {
            lock.unlock();
        }
    }

    private static final class Waiter {
        private final Thread thread;
        private volatile boolean granted;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }
}
