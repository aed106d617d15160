package dev.detour.simulator;

import dev.detour.core.internal.Require;

/** A normal answer: a chat completion, or an SSE stream when the request asked for one. */
record Ok(String finishReason) implements Behaviour {

    static final String STOP = "stop";

    Ok {
        Require.nonBlank(finishReason, "finishReason");
    }
}
