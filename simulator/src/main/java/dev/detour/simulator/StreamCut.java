package dev.detour.simulator;

import dev.detour.core.internal.Require;

/**
 * An SSE stream that stops after its first {@code afterEvents} events, before any finish reason: the body
 * ends cleanly, or, when {@code abrupt}, the connection is dropped.
 */
record StreamCut(int afterEvents, boolean abrupt) implements Behaviour {

    StreamCut {
        Require.notNegative(afterEvents, "after-events");
    }
}
