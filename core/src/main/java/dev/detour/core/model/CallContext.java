package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * What travels with one model call besides the request: where streamed text goes, who hears about
 * attempts, and by when the call must end.
 *
 * @param streamListener receives text deltas of a streaming request
 * @param attemptListener hears about each attempt and fallback
 * @param deadline the instant after which no new attempt may start
 */
public record CallContext(StreamListener streamListener, AttemptListener attemptListener, Optional<Instant> deadline) {

    private static final CallContext NONE = new CallContext(StreamListener.NONE, AttemptListener.NONE, Optional.empty());

    public CallContext {
        Require.nonNull(streamListener, "streamListener");
        Require.nonNull(attemptListener, "attemptListener");
        Require.nonNull(deadline, "deadline");
    }

    /** No listeners and no deadline. */
    public static CallContext none() {
        return NONE;
    }

    public CallContext withStreamListener(StreamListener value) {
        return new CallContext(value, attemptListener, deadline);
    }

    public CallContext withAttemptListener(AttemptListener value) {
        return new CallContext(streamListener, value, deadline);
    }

    public CallContext withDeadline(Instant value) {
        return new CallContext(streamListener, attemptListener, Optional.of(Require.nonNull(value, "deadline")));
    }
}
