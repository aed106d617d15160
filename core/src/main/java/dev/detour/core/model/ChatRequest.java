package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What to ask a chat model: the conversation, how to generate, whether the answer must follow a
 * schema, and whether to stream it.
 *
 * <p>A request names no model: the {@link ModelPort} it is given to decides which model answers.
 *
 * @param messages the conversation, at least one message
 * @param options sampling and length settings
 * @param responseFormat the structured output required, if any
 * @param stream whether text should be delivered as it is generated, to the call's {@link StreamListener}
 */
public record ChatRequest(
        List<ChatMessage> messages, GenerationOptions options, Optional<ResponseFormat> responseFormat, boolean stream) {

    public ChatRequest {
        messages = List.copyOf(Require.nonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must hold at least one message, was []");
        }
        Require.nonNull(options, "options");
        Require.nonNull(responseFormat, "responseFormat");
    }

    /** A non-streaming request with default options and free-text output. */
    public static ChatRequest of(ChatMessage... messages) {
        Require.nonNull(messages, "messages");
        return of(Arrays.asList(messages));
    }

    /** A non-streaming request with default options and free-text output. */
    public static ChatRequest of(List<ChatMessage> messages) {
        return new ChatRequest(messages, GenerationOptions.defaults(), Optional.empty(), false);
    }

    public ChatRequest withOptions(GenerationOptions value) {
        return new ChatRequest(messages, value, responseFormat, stream);
    }

    /** This request asking for an answer that decodes into {@code format}'s record type. */
    public ChatRequest withResponseFormat(ResponseFormat value) {
        return new ChatRequest(messages, options, Optional.of(Require.nonNull(value, "responseFormat")), stream);
    }

    /** This request with streaming switched on or off. */
    public ChatRequest withStream(boolean value) {
        return new ChatRequest(messages, options, responseFormat, value);
    }

    @Override
    public String toString() {
        return "ChatRequest[messages=" + messages.size() + ", options=" + options
                + ", responseFormat=" + responseFormat.map(ResponseFormat::name).orElse("text")
                + ", stream=" + stream + "]";
    }
}
