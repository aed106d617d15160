package dev.detour.engine.temporal;

import dev.detour.core.internal.Require;
import java.time.Duration;

/**
 * How long Temporal lets one model-call activity run before it retries it elsewhere: what the chain on
 * the worker cannot see, a worker that died or hangs.
 *
 * @param startToClose the longest one call may take on one worker, retries and fallbacks included
 * @param heartbeat how long a worker may go silent before its call is given to another
 * @param longestWaitInCall the longest wait before a retry a worker sleeps; a longer one is a workflow timer
 */
record CallTimeouts(Duration startToClose, Duration heartbeat, Duration longestWaitInCall) {

    /** Ten minutes a call (twice the default call deadline), ten seconds of silence, five seconds of sleep. */
    static final CallTimeouts DEFAULTS = new CallTimeouts(Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(5));

    CallTimeouts {
        Require.positive(startToClose, "startToClose");
        Require.positive(heartbeat, "heartbeat");
        Require.positive(longestWaitInCall, "longestWaitInCall");
    }

    /** How often a worker heartbeats: well within the heartbeat timeout. */
    Duration heartbeatEvery() {
        Duration third = heartbeat.dividedBy(3);
        return third.isZero() ? Duration.ofMillis(1) : third;
    }
}
