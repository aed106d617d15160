package dev.detour.app.server;

import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * One event-stream client's frames: what it missed first, then each live one as it is published, in
 * sequence order with none twice. A client that falls too far behind is let go (it reconnects with
 * {@code Last-Event-ID} and catches up from the history).
 */
final class Subscription {

    /** What {@link #next} found. */
    sealed interface Next {
        /** A frame to send. */
        record Event(Frame frame) implements Next {}

        /** Nothing within the wait: time for a heartbeat. */
        record Idle() implements Next {}

        /** The stream is over: the run ended before anything was left to send, or the client fell behind. */
        record End() implements Next {}
    }

    private static final Frame END = new Frame(-1, "end", "", true);

    private final LinkedBlockingDeque<Frame> queue = new LinkedBlockingDeque<>();
    private final int maxBacklog;
    private volatile long lastQueued;
    private volatile boolean ended;

    Subscription(List<Frame> missed, long after, int maxBacklog) {
        this.maxBacklog = maxBacklog;
        this.lastQueued = after;
        missed.forEach(this::offer);
    }

    /** Queues a live frame; false when the client is too far behind to keep. */
    boolean offer(Frame frame) {
        if (ended || frame.sequence() <= lastQueued) {
            return true;
        }
        if (queue.size() >= maxBacklog) {
            end();
            return false;
        }
        lastQueued = frame.sequence();
        queue.add(frame);
        return true;
    }

    /** Nothing more will come: the client is told once it has what is queued. */
    void end() {
        ended = true;
        queue.add(END);
    }

    /**
     * The frames queued right now after {@code first}, up to {@code max} in all, so a burst goes out in one
     * write; stops after a run's last frame and leaves the end of the stream for {@link #next}.
     */
    List<Frame> withQueued(Frame first, int max) {
        List<Frame> frames = new ArrayList<>();
        frames.add(first);
        while (frames.size() < max && !frames.get(frames.size() - 1).last()) {
            Frame more = queue.poll();
            if (more == null) {
                break;
            }
            if (more == END) {
                queue.addFirst(END);
                break;
            }
            frames.add(more);
        }
        return frames;
    }

    Next next(Duration wait) throws InterruptedException {
        Frame frame = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (frame == null) {
            return new Next.Idle();
        }
        return frame == END ? new Next.End() : new Next.Event(frame);
    }
}
