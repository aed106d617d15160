package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One stream client's queue: missed frames first, each live one once, a burst in one write, and letting go of a client that falls behind. */
class SubscriptionTest {

    private static Frame frame(long sequence, boolean last) {
        return new Frame(sequence, "StepStarted", "{\"sequence\":" + sequence + "}", last);
    }

    @Test
    void sendsWhatWasMissedThenEachLiveFrameOnceInOrder() throws InterruptedException {
        Subscription subscription = new Subscription(List.of(frame(3, false), frame(4, false)), 2, 100);

        subscription.offer(frame(4, false));
        subscription.offer(frame(5, false));
        subscription.offer(frame(6, true));

        assertThat(sequences(subscription)).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void aBurstGoesOutTogetherAndStopsAtTheRunsLastFrame() throws InterruptedException {
        Subscription subscription = new Subscription(List.of(), 0, 100);
        for (long sequence = 1; sequence <= 3; sequence++) {
            subscription.offer(frame(sequence, sequence == 3));
        }
        subscription.end();

        Subscription.Next first = subscription.next(Duration.ofSeconds(5));
        List<Frame> burst = subscription.withQueued(((Subscription.Next.Event) first).frame(), 64);

        assertThat(burst).extracting(Frame::sequence).containsExactly(1L, 2L, 3L);
        assertThat(subscription.next(Duration.ofSeconds(5))).isInstanceOf(Subscription.Next.End.class);
    }

    @Test
    void letsGoOfAClientTooFarBehindAfterWhatItHasQueued() throws InterruptedException {
        Subscription subscription = new Subscription(List.of(), 0, 2);

        assertThat(subscription.offer(frame(1, false))).isTrue();
        assertThat(subscription.offer(frame(2, false))).isTrue();
        assertThat(subscription.offer(frame(3, false))).isFalse();

        assertThat(sequences(subscription)).containsExactly(1L, 2L);
    }

    @Test
    void saysWhenNothingCameWithinTheWait() throws InterruptedException {
        assertThat(new Subscription(List.of(), 0, 10).next(Duration.ofMillis(1))).isInstanceOf(Subscription.Next.Idle.class);
    }

    /** Every frame until the stream ends: at the run's last frame, or at the end. */
    private static List<Long> sequences(Subscription subscription) throws InterruptedException {
        List<Long> sequences = new ArrayList<>();
        while (true) {
            Subscription.Next next = subscription.next(Duration.ofSeconds(5));
            if (next instanceof Subscription.Next.Event event) {
                sequences.add(event.frame().sequence());
                if (event.frame().last()) {
                    return sequences;
                }
            } else if (next instanceof Subscription.Next.End) {
                return sequences;
            } else {
                throw new AssertionError("the stream went quiet after " + sequences);
            }
        }
    }
}
