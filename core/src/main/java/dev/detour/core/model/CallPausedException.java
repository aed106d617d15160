package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.time.Duration;

/**
 * A chain stopped a call because the wait before its next try is longer than its caller lets it wait in
 * process ({@link CallContext#longestWait()}). Nothing failed: the caller waits {@link #waitFor()} its own
 * way (a durable timer, say) and calls again with {@link CallContext#resumingFrom(ChainPosition)}.
 */
public final class CallPausedException extends RuntimeException {

    private final transient Duration waitFor;
    private final transient ChainPosition position;

    public CallPausedException(Duration waitFor, ChainPosition position) {
        super("the call waits " + Require.nonNull(waitFor, "waitFor") + " before try " + (Require.nonNull(position, "position").retry() + 1)
                + " of " + position.model(), null, false, false);
        this.waitFor = waitFor;
        this.position = position;
    }

    /** How long to wait before going on. */
    public Duration waitFor() {
        return waitFor;
    }

    /** Where to go on from. */
    public ChainPosition position() {
        return position;
    }
}
