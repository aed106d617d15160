package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.StreamListener;
import dev.detour.transport.HttpHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a complete chat-completion body of a successful response. A body holding an {@code error}
 * instead of choices is mapped like the same error on an error status; one that is not JSON, or has no
 * choice, is a MalformedResponse.
 */
final class CompletionReader {

    private final ModelCodec codec;

    CompletionReader(ModelCodec codec) {
        this.codec = codec;
    }

    /**
     * The answer in {@code body}, whose text then goes to {@code listener} in one piece (a streaming request
     * that the provider answered without streaming).
     */
    ChatResponse read(HttpHead head, byte[] body, boolean structuredOutput, StreamListener listener) {
        JsonNode tree;
        ChatCompletion completion;
        try {
            tree = codec.json().readTree(body);
            completion = codec.json().treeToValue(tree, ChatCompletion.class);
        } catch (IOException | IllegalArgumentException e) {
            ErrorBody seen = ErrorBody.parse(body, head, codec.json());
            throw codec.failures().malformed(head, "the " + head.status() + " response from " + head.host()
                    + " is not a chat completion: " + (seen.message().isBlank() ? "empty body" : seen.message()), e);
        }
        if (completion == null || !tree.isObject()) {
            throw codec.failures().malformed(head, "the " + head.status() + " response from " + head.host()
                    + " is not a chat completion object", null);
        }
        if (completion.error() != null && !completion.error().isNull()) {
            throw codec.failures().inBand(head, ErrorBody.of(tree), structuredOutput);
        }
        if (completion.choices() == null || completion.choices().isEmpty() || completion.choices().get(0) == null) {
            throw codec.failures().malformed(head, "the chat completion from " + head.host() + " has no choices", null);
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        String text = choice.message() == null ? "" : choice.message().text();
        ChatResponse response = codec.answers().answer(head, text, choice.finishReason(), completion.usage(), completion.model());
        listener.onText(text);
        return response;
    }
}
