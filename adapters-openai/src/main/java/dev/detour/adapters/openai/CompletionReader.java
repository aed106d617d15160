package dev.detour.adapters.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/** Reads a plain (non-streaming) {@code chat.completion} body into an answer or the failure it holds. */
final class CompletionReader {

    private final ObjectMapper json;
    private final ErrorBodies errorBodies;
    private final Failures failures;
    private final Answers answers;

    CompletionReader(ObjectMapper json, ErrorBodies errorBodies, Failures failures, Answers answers) {
        this.json = json;
        this.errorBodies = errorBodies;
        this.failures = failures;
        this.answers = answers;
    }

    ChatResponse read(byte[] body, Function<String, String> header) {
        JsonNode root;
        ChatCompletion completion;
        try {
            root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw failures.malformed("the answer is not a JSON object" + (body.length == 0 ? " (empty body)" : ""),
                        header, null);
            }
            if (ErrorEvents.isError(root)) {
                throw failures.fromProvider(200, errorBodies.parse(root), header, false);
            }
            completion = json.treeToValue(root, ChatCompletion.class);
        } catch (IOException e) {
            throw failures.malformed("the answer is not the expected JSON: " + e.getMessage(), header, e);
        }
        List<ChatCompletion.Choice> choices = completion.choices();
        if (choices == null || choices.isEmpty() || choices.getFirst() == null) {
            throw failures.malformed("the answer has no choices", header, null);
        }
        ChatCompletion.Choice choice = choices.getFirst();
        ChatCompletion.Message message = choice.message();
        if (message == null) {
            throw failures.malformed("the answer's first choice has no message", header, null);
        }
        return answers.finish(new Answers.Parts(
                message.content() == null ? "" : message.content(),
                message.refusal(),
                message.hasToolCalls(),
                choice.finishReason() == null ? "unknown" : choice.finishReason(),
                completion.usage(),
                completion.model()), header);
    }
}
