package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.math.BigDecimal;
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
 */
public record CallContext(StreamListener streamListener, AttemptListener attemptListener, Optional<Instant> deadline,
        Optional<BigDecimal> costLeft) {

    private static final CallContext NONE = new CallContext(StreamListener.NONE, AttemptListener.NONE, Optional.empty());

    public CallContext {
        Require.nonNull(streamListener, "streamListener");
        Require.nonNull(attemptListener, "attemptListener");
        Require.nonNull(deadline, "deadline");
        Require.nonNull(costLeft, "costLeft");
    }

    /** A context with no cost budget. */
    public CallContext(StreamListener streamListener, AttemptListener attemptListener, Optional<Instant> deadline) {
        this(streamListener, attemptListener, deadline, Optional.empty());
    }

    /** No listeners and no deadline. */
    public static CallContext none() {
        return NONE;
    }

    public CallContext withStreamListener(StreamListener value) {
        return new CallContext(value, attemptListener, deadline, costLeft);
    }

    public CallContext withAttemptListener(AttemptListener value) {
        return new CallContext(streamListener, value, deadline, costLeft);
    }

    public CallContext withDeadline(Instant value) {
        return new CallContext(streamListener, attemptListener, Optional.of(Require.nonNull(value, "deadline")), costLeft);
    }

    /** This context with {@code value} dollars left of the run's cost budget. */
    public CallContext withCostLeft(BigDecimal value) {
        return new CallContext(streamListener, attemptListener, deadline, Optional.of(Require.nonNull(value, "costLeft")));
    }
}
