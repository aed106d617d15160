package dev.detour.simulator;

import java.util.Map;

/**
 * The normal answer to one request, in the forms the behaviours send it in: whole, cut short, or padded
 * to a size. A model's answer is a {@link Reply}, a source's an {@link EvidenceAnswer}.
 */
sealed interface Answer permits Reply, EvidenceAnswer {

    /** The response headers every behaviour sends, such as {@code x-request-id}. */
    Map<String, String> headers();

    /** The normal answer, as disconnect and drip send it. */
    Body normal();

    /** The normal answer broken off where it no longer parses. */
    Body truncated();

    /** The normal answer split where filler can go without breaking it. */
    Padded padded();

    /** A body with its content type; {@code streamed} when it is sent chunked, as an SSE stream is. */
    record Body(String contentType, byte[] bytes, boolean streamed) {}

    /** The parts of a body before and after the point where any run of {@code fill} bytes keeps it valid. */
    record Padded(String contentType, byte[] head, byte[] tail, byte fill) {}
}
