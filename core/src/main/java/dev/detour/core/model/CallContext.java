package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What travels with one model call besides the request: where streamed text goes, who hears about
 * attempts, and by when the call must end.
 *
 * @param streamListener receives text deltas of a streaming request
 * @param attemptListener hears about each attempt and fallback
 * @param deadline the instant after which no new attempt may start
 * @param costLeft the dollars left of the run's cost budget, if it has one: no attempt whose worst-case cost
 *     exceeds what is left of it may start
 * @param longestWait the longest wait before a retry a chain may sleep, for a caller that waits its own way
 *     between tries (a distributed engine's durable timer); a longer one ends the call with a
 *     {@link CallPausedException}; empty to sleep any wait
 * @param resumeFrom where a paused call goes on from, for the call that continues it
 */
public record CallContext(StreamListener streamListener, AttemptListener attemptListener, Optional<Instant> deadline,
        Optional<BigDecimal> costLeft, Optional<Duration> longestWait, Optional<ChainPosition> resumeFrom) {

    private static final CallContext NONE = new CallContext(StreamListener.NONE, AttemptListener.NONE, Optional.empty());

    public CallContext {
        Require.nonNull(streamListener, "streamListener");
        Require.nonNull(attemptListener, "attemptListener");
        Require.nonNull(deadline, "deadline");
        Require.nonNull(costLeft, "costLeft");
        Require.nonNull(longestWait, "longestWait");
        Require.nonNull(resumeFrom, "resumeFrom");
    }

    /** A context in which a chain sleeps any wait, for a call that starts afresh. */
    public CallContext(StreamListener streamListener, AttemptListener attemptListener, Optional<Instant> deadline,
            Optional<BigDecimal> costLeft) {
        this(streamListener, attemptListener, deadline, costLeft, Optional.empty(), Optional.empty());
    }

    /** A context with no cost budget. */
    public CallContext(StreamListener streamListener, AttemptListener attemptListener, Optional<Instant> deadline) {
        this(streamListener, attemptListener, deadline, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** No listeners and no deadline. */
    public static CallContext none() {
        return NONE;
    }

    public CallContext withStreamListener(StreamListener value) {
        return new CallContext(value, attemptListener, deadline, costLeft, longestWait, resumeFrom);
    }

    public CallContext withAttemptListener(AttemptListener value) {
        return new CallContext(streamListener, value, deadline, costLeft, longestWait, resumeFrom);
    }

    public CallContext withDeadline(Instant value) {
        return new CallContext(streamListener, attemptListener, Optional.of(Require.nonNull(value, "deadline")), costLeft,
                longestWait, resumeFrom);
    }

    /** This context with {@code value} dollars left of the run's cost budget. */
    public CallContext withCostLeft(BigDecimal value) {
        return new CallContext(streamListener, attemptListener, deadline, Optional.of(Require.nonNull(value, "costLeft")),
                longestWait, resumeFrom);
    }

    /** This context with a chain sleeping at most {@code value} before a retry; a longer wait pauses the call. */
    public CallContext withLongestWait(Duration value) {
        return new CallContext(streamListener, attemptListener, deadline, costLeft,
                Optional.of(Require.nonNull(value, "longestWait")), resumeFrom);
    }

    /** This context for the call that goes on from where {@code position} paused. */
    public CallContext resumingFrom(ChainPosition position) {
        return new CallContext(streamListener, attemptListener, deadline, costLeft, longestWait,
                Optional.of(Require.nonNull(position, "position")));
    }
}
