package dev.detour.simulator;

import dev.detour.core.internal.Require;

/**
 * HTTP 200 whose body is an E-utilities error instead of results: {@code esearchresult.ERROR} from ESearch,
 * an {@code esummaryresult} error string from ESummary, an {@code <ERROR>} element from EFetch.
 */
record ErrorIn200(String message) implements Behaviour {

    static final String DEFAULT_MESSAGE = "Search Backend failed: the E-utilities backend is unavailable (simulated by Detour)";

    ErrorIn200 {
        Require.nonBlank(message, "message");
        if (message.contains("\n") || message.contains("\r")) {
            throw new IllegalArgumentException("the message of error-in-200 must be on one line");
        }
    }
}
