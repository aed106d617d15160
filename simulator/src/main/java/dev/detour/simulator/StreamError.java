package dev.detour.simulator;

import dev.detour.core.internal.Require;

/** An SSE stream inside HTTP 200 whose first {@code afterEvents} events are followed by an error object as a data event. */
record StreamError(int afterEvents, String errorJson) implements Behaviour {

    StreamError {
        Require.notNegative(afterEvents, "after-events");
        Require.nonBlank(errorJson, "errorJson");
        if (errorJson.contains("\n")) {
            errorJson = errorJson.strip().replaceAll("\\s*\\R\\s*", " ");
        }
    }
}
