package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What travels with one model call besides the request: where streamed text goes, who hears about
 * attempts, by when the call must end, and what else its HTTP requests carry.
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
 * @param requestHeaders headers the call's HTTP requests carry besides the adapter's own, such as the W3C trace
 *     context of the attempt when the app is configured to propagate it; never a credential
 */
public record CallContext(StreamListener streamListener, AttemptListener attemptListener, Optional<Instant> deadline,
        Optional<BigDecimal> costLeft, Optional<Duration> longestWait, Optional<ChainPosition> resumeFrom,
        Map<String, String> requestHeaders) {

    private static final CallContext NONE = new CallContext(StreamListener.NONE, AttemptListener.NONE, Optional.empty());

    public CallContext {
        Require.nonNull(streamListener, "streamListener");
        Require.nonNull(attemptListener, "attemptListener");
        Require.nonNull(deadline, "deadline");
        Require.nonNull(costLeft, "costLeft");
        Require.nonNull(longestWait, "longestWait");
        Require.nonNull(resumeFrom, "resumeFrom");
        Require.nonNull(requestHeaders, "requestHeaders");
        requestHeaders = requestHeaders.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
    }

    /** A context whose requests carry only the adapter's own headers. */
    public CallContext(StreamListener streamListener, AttemptListener attemptListener, Optional<Instant> deadline,
            Optional<BigDecimal> costLeft, Optional<Duration> longestWait, Optional<ChainPosition> resumeFrom) {
        this(streamListener, attemptListener, deadline, costLeft, longestWait, resumeFrom, Map.of());
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
        return new CallContext(value, attemptListener, deadline, costLeft, longestWait, resumeFrom, requestHeaders);
    }

    public CallContext withAttemptListener(AttemptListener value) {
        return new CallContext(streamListener, value, deadline, costLeft, longestWait, resumeFrom, requestHeaders);
    }

    public CallContext withDeadline(Instant value) {
        return new CallContext(streamListener, attemptListener, Optional.of(Require.nonNull(value, "deadline")), costLeft,
                longestWait, resumeFrom, requestHeaders);
    }

    /** This context with {@code value} dollars left of the run's cost budget. */
    public CallContext withCostLeft(BigDecimal value) {
        return new CallContext(streamListener, attemptListener, deadline, Optional.of(Require.nonNull(value, "costLeft")),
                longestWait, resumeFrom, requestHeaders);
    }

    /** This context with a chain sleeping at most {@code value} before a retry; a longer wait pauses the call. */
    public CallContext withLongestWait(Duration value) {
        return new CallContext(streamListener, attemptListener, deadline, costLeft,
                Optional.of(Require.nonNull(value, "longestWait")), resumeFrom, requestHeaders);
    }

    /** This context for the call that goes on from where {@code position} paused. */
    public CallContext resumingFrom(ChainPosition position) {
        return new CallContext(streamListener, attemptListener, deadline, costLeft, longestWait,
                Optional.of(Require.nonNull(position, "position")), requestHeaders);
    }

    /** This context with its HTTP requests also carrying {@code value}, in place of any extra headers it had. */
    public CallContext withRequestHeaders(Map<String, String> value) {
        return new CallContext(streamListener, attemptListener, deadline, costLeft, longestWait, resumeFrom,
                Require.nonNull(value, "requestHeaders"));
    }
}
