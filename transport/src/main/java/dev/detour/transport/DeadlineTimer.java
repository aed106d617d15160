package dev.detour.transport;

import java.time.Instant;

/** Runs an action when a caller's deadline passes, unless it is cancelled first. */
interface DeadlineTimer extends AutoCloseable {

    /** Runs {@code expire} at {@code deadline} (at once if it has passed); the returned action cancels that. */
    Runnable schedule(Instant deadline, Runnable expire);

    /** Drops every pending action. */
    @Override
    void close();
}
