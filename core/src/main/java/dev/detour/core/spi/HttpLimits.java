package dev.detour.core.spi;

import dev.detour.core.internal.Require;
import java.time.Duration;
import java.util.List;

/**
 * The limits every HTTP adapter puts on its calls, and the options that set them, read the same way by
 * every adapter type: {@code connect-timeout}, {@code read-timeout}, {@code call-timeout} (durations with a
 * unit), {@code max-response-bytes} and {@code max-concurrent-calls}. List {@link #OPTIONS} among a type's
 * options and build its settings from {@link #withOptionsOf(AdapterSettings)}.
 *
 * @param connectTimeout how long establishing a connection may take
 * @param readTimeout how long the server may stay silent while answering (between bytes of a stream, too)
 * @param callTimeout how long one whole call may take, streaming included
 * @param maxResponseBytes the largest response body read; a larger one is a MalformedResponse
 * @param maxConcurrentCalls the most calls in flight at once; more wait their turn
 */
public record HttpLimits(
        Duration connectTimeout, Duration readTimeout, Duration callTimeout, long maxResponseBytes,
        int maxConcurrentCalls) {

    public static final Option<Duration> CONNECT_TIMEOUT = Option.duration("connect-timeout");
    public static final Option<Duration> READ_TIMEOUT = Option.duration("read-timeout");
    public static final Option<Duration> CALL_TIMEOUT = Option.duration("call-timeout");
    public static final Option<Long> MAX_RESPONSE_BYTES = Option.wholeNumber("max-response-bytes");
    public static final Option<Integer> MAX_CONCURRENT_CALLS = Option.count("max-concurrent-calls");

    /** The five options, in the order messages list them. */
    public static final List<Option<?>> OPTIONS =
            List.of(CONNECT_TIMEOUT, READ_TIMEOUT, CALL_TIMEOUT, MAX_RESPONSE_BYTES, MAX_CONCURRENT_CALLS);

    /**
     * The limits of a model provider's calls where its adapter knows no better: 10 s to connect, 120 s of silence
     * (a model may think a while before its first byte), 10 minutes a call, 8 MiB a response, 64 calls in flight.
     */
    public static final HttpLimits MODEL_CALLS =
            new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofMinutes(10), 8L * 1024 * 1024, 64);

    public HttpLimits {
        Require.positive(connectTimeout, "connectTimeout");
        Require.positive(readTimeout, "readTimeout");
        Require.positive(callTimeout, "callTimeout");
        Require.positive(maxResponseBytes, "maxResponseBytes");
        Require.positive(maxConcurrentCalls, "maxConcurrentCalls");
    }

    /**
     * These limits with each one that {@code settings} set as an option replaced.
     *
     * @throws IllegalArgumentException naming the option, if its text is unreadable
     */
    public HttpLimits withOptionsOf(AdapterSettings settings) {
        Require.nonNull(settings, "settings");
        return new HttpLimits(
                settings.option(CONNECT_TIMEOUT).orElse(connectTimeout),
                settings.option(READ_TIMEOUT).orElse(readTimeout),
                settings.option(CALL_TIMEOUT).orElse(callTimeout),
                settings.option(MAX_RESPONSE_BYTES).orElse(maxResponseBytes),
                settings.option(MAX_CONCURRENT_CALLS).orElse(maxConcurrentCalls));
    }
}
