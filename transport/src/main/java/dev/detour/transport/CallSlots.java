package dev.detour.transport;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A provider's {@code max-concurrent-calls} slots, numbered from 0 and handed out first come, first served.
 * A caller waits for one until it is free, its deadline passes or it is interrupted; whoever ends a wait
 * early ({@link #wake}) must have made its reason visible first. The slot freed last is handed out first,
 * so that a few calls at a time keep to the lowest numbers (and the connections that serve them).
 */
final class CallSlots {

    /** What {@link #acquire} returns when no slot was taken. */
    static final int NONE = -1;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private final int[] free;
    private int freeCount;

    CallSlots(int slots) {
        this.free = new int[slots];
        for (int slot = 0; slot < slots; slot++) {
            free[slots - 1 - slot] = slot;
        }
        this.freeCount = slots;
    }

    /**
     * Takes a slot for the calling thread, waiting in turn.
     *
     * @return the slot's number, or {@link #NONE} if {@code expired} became true before a slot was free, or as
     *     one was handed over (no slot is then held)
     * @throws InterruptedException if the calling thread is or gets interrupted first (its flag stays set)
     */
    int acquire(BooleanSupplier expired) throws InterruptedException {
        int slot = takeOrWait(expired);
        if (slot != NONE && expired.getAsBoolean()) {
            release(slot);
            return NONE;
        }
        return slot;
    }

    private int takeOrWait(BooleanSupplier expired) throws InterruptedException {
        Waiter waiter;
        lock.lock();
        try {
            if (freeCount > 0 && waiting.isEmpty()) {
                return free[--freeCount];
            }
            waiter = new Waiter(Thread.currentThread());
            waiting.add(waiter);
        } finally {
            lock.unlock();
        }
        while (waiter.slot == NONE) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            if (interrupted || expired.getAsBoolean()) {
                leave(waiter);
                if (interrupted) {
                    throw new InterruptedException();
                }
                return NONE;
            }
            LockSupport.park(this);
        }
        return waiter.slot;
    }

    /** Gives slot {@code slot} back: to the caller that has waited longest, if any. */
    void release(int slot) {
        lock.lock();
        try {
            Waiter next = waiting.poll();
            if (next == null) {
                free[freeCount++] = slot;
            } else {
                next.slot = slot;
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
                release(waiter.slot);
            }
        } finally {
            lock.unlock();
        }
    }

    private static final class Waiter {
        private final Thread thread;
        private volatile int slot = NONE;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }
}
