package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.StreamListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a complete chat-completion body of a successful response. A body holding an {@code error}
 * instead of choices is mapped like the same error on an error status; one that is not JSON, or has no
 * choice, is a MalformedResponse.
 */
final class CompletionReader {

    private final ObjectMapper json;
    private final FailureMapper failures;
    private final Answers answers;

    CompletionReader(ObjectMapper json, FailureMapper failures, Answers answers) {
        this.json = json;
        this.failures = failures;
        this.answers = answers;
    }

    /**
     * The answer in {@code body}, whose text then goes to {@code listener} in one piece (a streaming request
     * that the provider answered without streaming).
     */
    ChatResponse read(HttpHead head, byte[] body, boolean structuredOutput, StreamListener listener) {
        JsonNode tree;
        ChatCompletion completion;
        try {
            tree = json.readTree(body);
            completion = json.treeToValue(tree, ChatCompletion.class);
        } catch (IOException | IllegalArgumentException e) {
            ErrorBody seen = ErrorBody.parse(body, head, json);
            throw failures.malformed(head, "the " + head.status() + " response from " + head.host()
                    + " is not a chat completion: " + (seen.message().isBlank() ? "empty body" : seen.message()), e);
        }
        if (completion == null || !tree.isObject()) {
            throw failures.malformed(head, "the " + head.status() + " response from " + head.host()
                    + " is not a chat completion object", null);
        }
        if (completion.error() != null && !completion.error().isNull()) {
            throw failures.inBand(head, ErrorBody.of(tree), structuredOutput);
        }
        if (completion.choices() == null || completion.choices().isEmpty() || completion.choices().get(0) == null) {
            throw failures.malformed(head, "the chat completion from " + head.host() + " has no choices", null);
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        String text = choice.message() == null ? "" : choice.message().text();
        ChatResponse response = answers.answer(head, text, choice.finishReason(), completion.usage(), completion.model());
        listener.onText(text);
        return response;
    }
}
