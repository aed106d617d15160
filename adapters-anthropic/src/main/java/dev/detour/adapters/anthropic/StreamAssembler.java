package dev.detour.adapters.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.StreamListener;
import dev.detour.core.wire.SseEvent;
import dev.detour.transport.EventReader;
import dev.detour.transport.HttpHead;

/**
 * Assembles a streamed message from its named events ({@code message_start}, {@code content_block_delta}
 * with {@code text_delta} or {@code input_json_delta}, {@code message_delta}, {@code message_stop}; pings and
 * other events are skipped), handing the listener each delta of the answer (the forced tool's input for
 * structured output, else the text) as it comes. An {@code error} event maps
 * like the same error on a plain response; a stream that ends before {@code message_stop} is truncated, and
 * its partial text is never returned as an answer.
 */
final class StreamAssembler implements EventReader<ChatResponse> {

    private final ModelCodec codec;
    private final HttpHead head;
    private final boolean structured;
    private final StreamListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder toolInput = new StringBuilder();
    private final ObjectNode usage;
    private boolean stopped;
    private String stopReason;
    private String servedModel;

    StreamAssembler(ModelCodec codec, HttpHead head, boolean structured, StreamListener listener) {
        this.codec = codec;
        this.head = head;
        this.structured = structured;
        this.listener = listener;
        this.usage = codec.json().createObjectNode();
    }

    @Override
    public boolean accept(SseEvent event) {
        String data = event.data().strip();
        if (data.isEmpty()) {
            return true;
        }
        JsonNode node;
        try {
            node = codec.json().readTree(data);
        } catch (JsonProcessingException e) {
            throw event.type().equals("error") ? codec.failures().inBand(head, ErrorBody.ofText(data), true)
                    : codec.failures().malformed(head, "a stream event is not JSON: " + e.getOriginalMessage(), e);
        }
        switch (node.path("type").asText(event.type())) {
            case "error" -> throw codec.failures().inBand(head, ErrorBody.of(node), true);
            case "message_start" -> {
                servedModel = node.path("message").path("model").asText(null);
                addUsage(node.path("message").path("usage"));
            }
            case "content_block_delta" -> delta(node.path("delta"));
            case "message_delta" -> {
                stopReason = node.path("delta").path("stop_reason").asText(stopReason);
                addUsage(node.path("usage"));
            }
            case "message_stop" -> stopped = true;
            default -> { }
        }
        return !stopped;
    }

    @Override
    public ChatResponse finish() {
        if (!stopped) {
            throw codec.failures().malformed(head, "the stream ended before message_stop" + (stopReason == null ? ""
                    : " (after stop_reason \"" + stopReason + "\")") + "; the " + (text.length() + toolInput.length())
                    + " characters received are dropped, not returned as an answer", null);
        }
        return codec.answer(head, new ModelCodec.Parts(text.toString(), toolInput.isEmpty() ? null : toolInput.toString(), stopReason,
                ModelCodec.usage(usage), servedModel), structured);
    }

    private void delta(JsonNode delta) {
        boolean json = delta.path("type").asText().equals("input_json_delta");
        String piece = delta.path(json ? "partial_json" : "text").asText("");
        if (!piece.isEmpty()) {
            (json ? toolInput : text).append(piece);
            if (json == structured) {
                listener.onText(piece);
            }
        }
    }

    /** Usage counts are cumulative: a later event's count replaces an earlier one. */
    private void addUsage(JsonNode counts) {
        if (counts.isObject()) {
            usage.setAll((ObjectNode) counts);
        }
    }
}
