package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.time.Duration;

/**
 * What a simulated model or evidence source does with one request: answer, fail with an HTTP status and a
 * body, stall, dribble its answer, cut the connection or the stream, send broken JSON, an HTML error page
 * or a body too big to read; a source can also find nothing or put an error inside HTTP 200. Build one with
 * the static factories and give it to a {@link Scenario}; none of them needs a network or a key.
 */
public sealed interface Behaviour
        permits Ok, StatusResponse, HtmlPage, MalformedJson, Disconnect, SlowDrip, StreamCut, StreamError, Oversized,
                ErrorIn200, NoHits, Decorated {

    /** Answers normally: a chat completion (an SSE stream when the request asked for one), or a source's records for the query. */
    static Behaviour ok() {
        return new Ok(Ok.STOP);
    }

    /** Answers normally but with the finish reason {@code finishReason}, such as {@code length} or {@code content_filter}. */
    static Behaviour okEndingWith(String finishReason) {
        return new Ok(finishReason);
    }

    /** Answers {@code status} with {@code body}, as {@code application/json} when it looks like JSON, else as plain text. */
    static Behaviour status(int status, String body) {
        return new StatusResponse(status, body, ContentTypes.guess(body));
    }

    /**
     * Answers {@code status} with a bundled payload, such as {@code hf-router-error-402-credits-exhausted.json}
     * (the list is in {@code simulator/payloads/README.md}).
     */
    static Behaviour payload(int status, String payloadName) {
        String body = Payloads.read(payloadName);
        return new StatusResponse(status, body, ContentTypes.guess(body));
    }

    /** Answers {@code status} with an HTML error page, as a gateway in front of a provider does. */
    static Behaviour htmlPage(int status) {
        return new HtmlPage(status);
    }

    /** Answers 200 with a JSON body that breaks off in the middle. */
    static Behaviour malformedJson() {
        return new MalformedJson();
    }

    /** Sends the headers and half of a normal answer, then drops the connection. */
    static Behaviour disconnect() {
        return new Disconnect(false, Disconnect.HALF);
    }

    /** Sends the headers and the first {@code bytes} of a normal answer, then drops the connection. */
    static Behaviour disconnectAfter(int bytes) {
        return new Disconnect(false, bytes);
    }

    /** Drops the connection without answering at all. */
    static Behaviour disconnectBeforeHeaders() {
        return new Disconnect(true, 0);
    }

    /** Sends a normal answer {@code chunkBytes} at a time, waiting {@code interval} between chunks. */
    static Behaviour slowDrip(int chunkBytes, Duration interval) {
        return new SlowDrip(chunkBytes, interval);
    }

    /** Streams the first {@code afterEvents} events of a normal answer, then ends the body with no finish reason and no {@code [DONE]}. */
    static Behaviour streamCut(int afterEvents) {
        return new StreamCut(afterEvents, false);
    }

    /** Streams the first {@code afterEvents} events of a normal answer, then drops the connection. */
    static Behaviour streamCutAbruptly(int afterEvents) {
        return new StreamCut(afterEvents, true);
    }

    /** Streams the first {@code afterEvents} events of a normal answer, then {@code errorJson} as a data event, inside HTTP 200. */
    static Behaviour streamError(int afterEvents, String errorJson) {
        return new StreamError(afterEvents, errorJson);
    }

    /** Answers 200 with a normal answer of exactly {@code bytes} bytes: a chat completion padded with text, a source's answer padded with white space. */
    static Behaviour oversized(long bytes) {
        return new Oversized(bytes);
    }

    /**
     * For PubMed only: answers 200 with an E-utilities error in the body (ESearch's {@code esearchresult.ERROR},
     * ESummary's {@code esummaryresult}, EFetch's {@code <ERROR>}), with a message saying the backend failed.
     */
    static Behaviour errorIn200() {
        return new ErrorIn200(ErrorIn200.DEFAULT_MESSAGE);
    }

    /** For PubMed only: answers 200 with an E-utilities error in the body whose text is {@code message}. */
    static Behaviour errorIn200(String message) {
        return new ErrorIn200(message);
    }

    /** For evidence sources only: answers 200 with the source's valid zero-hit answer. */
    static Behaviour noHits() {
        return new NoHits();
    }

    /** This behaviour, after waiting {@code latency} before the first response byte. */
    default Behaviour withLatency(Duration latency) {
        return Decorated.of(this).withLatency(new Latency.Fixed(Require.nonNull(latency, "latency")));
    }

    /** This behaviour, after waiting a seeded random time between {@code min} and {@code max}. */
    default Behaviour withLatencyBetween(Duration min, Duration max) {
        return Decorated.of(this).withLatency(new Latency.Uniform(min, max));
    }

    /** This behaviour with the response header {@code name: value} added, such as {@code Retry-After: 1}. */
    default Behaviour withHeader(String name, String value) {
        return Decorated.of(this).withHeader(name, value);
    }
}
