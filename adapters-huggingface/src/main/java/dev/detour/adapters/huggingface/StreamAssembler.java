package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.StreamListener;
import dev.detour.core.wire.SseEvent;
import dev.detour.transport.EventReader;
import dev.detour.transport.HttpHead;
import java.io.IOException;

/**
 * Assembles a streamed answer from its events, handing each text delta to the listener as it comes.
 * Tolerates what providers behind the router do: usage on every chunk (the last one wins), a finish
 * reason only on the last chunk, trailing chunks after it, and no {@code [DONE]} at all. An {@code error}
 * event maps like the same error on a plain response; a stream that ends before a finish reason is
 * truncated, and its partial text is never returned as an answer.
 */
final class StreamAssembler implements EventReader<ChatResponse> {

    private static final int MAX_QUOTED = 200;

    private final ModelCodec codec;
    private final HttpHead head;
    private final boolean structuredOutput;
    private final StreamListener listener;
    private final StringBuilder text = new StringBuilder();
    private String finishReason;
    private ChatCompletion.Usage usage;
    private String servedModel;
    private boolean sawDone;

    StreamAssembler(ModelCodec codec, HttpHead head, boolean structuredOutput, StreamListener listener) {
        this.codec = codec;
        this.head = head;
        this.structuredOutput = structuredOutput;
        this.listener = listener;
    }

    /** Takes one event; false once the stream said it is done ({@code [DONE]}). */
    @Override
    public boolean accept(SseEvent event) {
        String data = event.data().strip();
        if (data.isEmpty()) {
            return true;
        }
        if (data.equals("[DONE]")) {
            sawDone = true;
            return false;
        }
        JsonNode node = parse(event, data);
        if (node.hasNonNull("error") || event.type().equals("error")) {
            throw codec.failures().inBand(head, ErrorBody.of(node), structuredOutput);
        }
        ChatCompletion chunk;
        try {
            chunk = codec.json().treeToValue(node, ChatCompletion.class);
        } catch (IOException | IllegalArgumentException e) {
            throw codec.failures().malformed(head, "a stream event from " + head.host() + " is not a chat completion chunk: "
                    + quote(data), e);
        }
        if (chunk.model() != null && !chunk.model().isBlank()) {
            servedModel = chunk.model();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.choices() != null) {
            for (ChatCompletion.Choice choice : chunk.choices()) {
                if (choice != null && (choice.index() == null || choice.index() == 0)) {
                    take(choice);
                }
            }
        }
        return true;
    }

    /** The assembled answer, once the stream ended. */
    @Override
    public ChatResponse finish() {
        if (finishReason == null) {
            throw codec.failures().malformed(head, "the stream from " + head.host() + " ended before a finish reason"
                    + (sawDone ? " (it sent [DONE] without one)" : " (truncated)") + "; the " + text.length()
                    + " characters received were discarded, not returned as an answer", null);
        }
        return codec.answers().answer(head, text.toString(), finishReason, usage, servedModel);
    }

    private void take(ChatCompletion.Choice choice) {
        if (choice.delta() != null) {
            String delta = choice.delta().text();
            if (!delta.isEmpty()) {
                text.append(delta);
                listener.onText(delta);
            }
        }
        if (choice.finishReason() != null && !choice.finishReason().isBlank()) {
            finishReason = choice.finishReason();
        }
    }

    private JsonNode parse(SseEvent event, String data) {
        try {
            JsonNode node = codec.json().readTree(data);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            if (event.type().equals("error")) {
                throw codec.failures().inBand(head, ErrorBody.ofText(data), structuredOutput);
            }
            throw codec.failures().malformed(head, "a stream event from " + head.host() + " is not JSON: " + quote(data), e);
        }
        if (event.type().equals("error")) {
            throw codec.failures().inBand(head, ErrorBody.ofText(data), structuredOutput);
        }
        throw codec.failures().malformed(head, "a stream event from " + head.host() + " is not a JSON object: " + quote(data), null);
    }

    private static String quote(String data) {
        return "\"" + (data.length() <= MAX_QUOTED ? data : data.substring(0, MAX_QUOTED) + "…") + "\"";
    }
}
