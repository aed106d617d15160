package dev.detour.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.StreamListener;
import dev.detour.core.wire.SseEvent;
import dev.detour.transport.EventReader;
import dev.detour.transport.HttpHead;
import java.util.Optional;

/**
 * Assembles a streamed answer ({@code chat.completion.chunk} events): hands each text delta to the
 * listener as it arrives. A stream that ends before a finish reason is truncated and fails; an error
 * event fails like the same error on a plain response.
 */
final class StreamAssembler implements EventReader<ChatResponse> {

    private static final String DONE = "[DONE]";

    private final ModelCodec codec;
    private final HttpHead head;
    private final StreamListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private boolean toolCalls;
    private String finishReason;
    private ChatCompletion.Usage usage;
    private String servedModel;

    StreamAssembler(ModelCodec codec, HttpHead head, StreamListener listener) {
        this.codec = codec;
        this.head = head;
        this.listener = listener;
    }

    @Override
    public boolean accept(SseEvent event) {
        if (event.data().strip().equals(DONE)) {
            return false;
        }
        chunk(event).ifPresent(this::take);
        return true;
    }

    @Override
    public ChatResponse finish() {
        if (finishReason == null) {
            throw codec.failures().malformed(head, "the stream ended before a finish reason, after " + text.length()
                    + " characters; the partial answer is dropped", null);
        }
        return codec.answers().answer(head, new Answers.Parts(text.toString(), refusal.isEmpty() ? null : refusal.toString(),
                toolCalls, finishReason, usage, servedModel));
    }

    /** The chunk an event carries; empty for an event with blank data. */
    private Optional<ChatCompletion> chunk(SseEvent event) {
        String type = event.type();
        String data = event.data().strip();
        if (data.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = codec.json().readTree(data);
        } catch (JsonProcessingException e) {
            if (type.equals("error")) {
                throw codec.failures().inBand(head, ErrorBody.ofText(data), true);
            }
            throw codec.failures().malformed(head, "a stream event is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw codec.failures().malformed(head, "a stream event is not a JSON object", null);
        }
        if (type.equals("error") || ErrorEvents.isError(root)) {
            throw codec.failures().inBand(head, ErrorBody.of(root), true);
        }
        try {
            return Optional.of(codec.json().treeToValue(root, ChatCompletion.class));
        } catch (JsonProcessingException e) {
            throw codec.failures().malformed(head, "a stream event is not a chat completion chunk: " + e.getOriginalMessage(), e);
        }
    }

    private void take(ChatCompletion chunk) {
        if (chunk.model() != null && !chunk.model().isBlank()) {
            servedModel = chunk.model();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.choices() == null) {
            return;
        }
        for (ChatCompletion.Choice choice : chunk.choices()) {
            if (choice == null || (choice.index() != null && choice.index() != 0)) {
                continue;
            }
            ChatCompletion.Message delta = choice.delta() != null ? choice.delta() : choice.message();
            if (delta != null) {
                if (delta.content() != null && !delta.content().isEmpty()) {
                    text.append(delta.content());
                    listener.onText(delta.content());
                }
                if (delta.refusal() != null) {
                    refusal.append(delta.refusal());
                }
                toolCalls |= delta.hasToolCalls();
            }
            if (choice.finishReason() != null && !choice.finishReason().isBlank()) {
                finishReason = choice.finishReason();
            }
        }
    }
}
