package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A provider's slots: a waiter whose deadline passed as a slot was handed to it gives the slot back. */
class CallSlotsTest {

    @Test
    void aWaiterWhoseDeadlinePassedAsItWasHandedASlotGivesItBackAndSendsNothing() throws Exception {
        CallSlots slots = new CallSlots(1);
        int held = slots.acquire(() -> false);
        assertThat(held).isZero();
        AtomicBoolean expired = new AtomicBoolean();
        AtomicReference<Integer> granted = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                granted.set(slots.acquire(expired::get));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        awaitWaiting(waiter);

        expired.set(true);
        slots.release(held);

        assertThat(waiter.join(Duration.ofSeconds(10))).as("the waiter returned").isTrue();
        assertThat(granted.get()).as("the expired waiter did not keep the slot").isEqualTo(CallSlots.NONE);
        Thread next = Thread.ofVirtual().start(() -> {
            try {
                slots.acquire(() -> false);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(next.join(Duration.ofSeconds(10))).as("the slot was free again").isTrue();
    }

    @Test
    void theSlotFreedLastIsHandedOutFirstSoThatFewCallsKeepToTheLowestNumbers() throws Exception {
        CallSlots slots = new CallSlots(4);
        assertThat(new int[] {slots.acquire(() -> false), slots.acquire(() -> false), slots.acquire(() -> false)})
                .containsExactly(0, 1, 2);

        slots.release(0);
        slots.release(2);

        assertThat(slots.acquire(() -> false)).isEqualTo(2);
        assertThat(slots.acquire(() -> false)).isZero();
        assertThat(slots.acquire(() -> false)).isEqualTo(3);
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the thread waits for a slot").isLessThan(end);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
