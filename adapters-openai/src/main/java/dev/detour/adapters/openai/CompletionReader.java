package dev.detour.adapters.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.StreamListener;
import dev.detour.transport.HttpHead;
import java.io.IOException;
import java.util.List;

/** Reads a plain (non-streaming) {@code chat.completion} body into an answer or the failure it holds. */
final class CompletionReader {

    private final ModelCodec codec;

    CompletionReader(ModelCodec codec) {
        this.codec = codec;
    }

    /**
     * The answer in {@code body}, whose text then goes to {@code listener} in one piece (a streaming request
     * that the server answered without streaming).
     */
    ChatResponse read(HttpHead head, byte[] body, StreamListener listener) {
        ChatCompletion completion = completion(head, body);
        List<ChatCompletion.Choice> choices = completion.choices();
        if (choices == null || choices.isEmpty() || choices.getFirst() == null) {
            throw codec.failures().malformed(head, "the answer has no choices", null);
        }
        ChatCompletion.Choice choice = choices.getFirst();
        ChatCompletion.Message message = choice.message();
        if (message == null) {
            throw codec.failures().malformed(head, "the answer's first choice has no message", null);
        }
        ChatResponse answer = codec.answers().answer(head, new Answers.Parts(
                message.content() == null ? "" : message.content(),
                message.refusal(),
                message.hasToolCalls(),
                choice.finishReason() == null ? "unknown" : choice.finishReason(),
                completion.usage(),
                completion.model()));
        listener.onText(answer.text());
        return answer;
    }

    /**
     * The completion in {@code body}, bound straight from its bytes; a body that is not one (an error in
     * band, not an object, not JSON) is read again as a tree to say what it is.
     */
    private ChatCompletion completion(HttpHead head, byte[] body) {
        try {
            ChatCompletion completion = codec.json().readValue(body, ChatCompletion.class);
            if (completion != null && !completion.hasError()) {
                return completion;
            }
        } catch (IOException e) {
            // the tree below names what is wrong
        }
        return fromTree(head, body);
    }

    private ChatCompletion fromTree(HttpHead head, byte[] body) {
        try {
            JsonNode root = codec.json().readTree(body);
            if (root == null || !root.isObject()) {
                throw codec.failures().malformed(head, "the answer is not a JSON object" + (body.length == 0 ? " (empty body)" : ""),
                        null);
            }
            if (ErrorEvents.isError(root)) {
                throw codec.failures().inBand(head, ErrorBody.of(root), false);
            }
            return codec.json().treeToValue(root, ChatCompletion.class);
        } catch (IOException e) {
            throw codec.failures().malformed(head, "the answer is not the expected JSON: " + e.getMessage(), e);
        }
    }
}
