package dev.detour.transport;

import dev.detour.core.internal.Require;
import java.time.Duration;

/**
 * The limits every HTTP provider is configured with, whatever its wire format: its timeouts, its
 * response size cap and how many of its calls may be in flight at once.
 *
 * @param connectTimeout the longest wait for a connection
 * @param readTimeout the longest silence between two reads of the response (between stream events, too)
 * @param callTimeout the longest a whole call may take, streaming included
 * @param maxResponseBytes the largest response body read; a larger one is a MalformedResponse
 * @param maxConcurrentCalls the most calls in flight at once; more wait their turn, within their deadline
 */
public record TransportSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        long maxResponseBytes,
        int maxConcurrentCalls) {

    public TransportSettings {
        Require.positive(connectTimeout, "connectTimeout");
        Require.positive(readTimeout, "readTimeout");
        Require.positive(callTimeout, "callTimeout");
        Require.positive(maxResponseBytes, "maxResponseBytes");
        Require.positive(maxConcurrentCalls, "maxConcurrentCalls");
    }

    /** These settings with other timeouts. */
    public TransportSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return new TransportSettings(connect, read, call, maxResponseBytes, maxConcurrentCalls);
    }

    /** These settings with another response size cap. */
    public TransportSettings withMaxResponseBytes(long value) {
        return new TransportSettings(connectTimeout, readTimeout, callTimeout, value, maxConcurrentCalls);
    }

    /** These settings letting at most {@code value} calls be in flight at once. */
    public TransportSettings withMaxConcurrentCalls(int value) {
        return new TransportSettings(connectTimeout, readTimeout, callTimeout, maxResponseBytes, value);
    }
}
