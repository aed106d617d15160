package dev.detour.adapters.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.StreamListener;
import dev.detour.core.model.TokenUsage;
import dev.detour.transport.HttpHead;
import java.io.IOException;

/**
 * What the calls of one model use to write requests and read responses: the JSON mapper, the request and
 * failure mappers, and the making of answers from a message (read from one body or assembled from a
 * stream): its text blocks joined, or for structured output the forced tool's input.
 */
record ModelCodec(ObjectMapper json, RequestMapper requests, FailureMapper failures) {

    /** The parts of an answer; {@code toolInput} is the JSON a forced tool was given, null if none. */
    record Parts(String text, String toolInput, String stopReason, TokenUsage usage, String servedModel) {}

    ChatResponse read(HttpHead head, byte[] body, boolean structured, StreamListener listener) {
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (IOException e) {
            throw failures.malformed(head, "the answer is not JSON: " + e.getMessage(), e);
        }
        if (message != null && message.path("type").asText().equals("error")) {
            throw failures.inBand(head, ErrorBody.of(message), false);
        }
        if (message == null || !message.path("content").isArray()) {
            throw failures.malformed(head, "the answer is not a message with content", null);
        }
        StringBuilder text = new StringBuilder();
        String toolInput = null;
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals("text")) {
                text.append(block.path("text").asText(""));
            } else if (block.path("type").asText().equals("tool_use") && toolInput == null) {
                toolInput = block.path("input").toString();
            }
        }
        ChatResponse answer = answer(head, new Parts(text.toString(), toolInput, message.path("stop_reason").asText(null),
                usage(message.path("usage")), message.path("model").asText(null)), structured);
        listener.onText(answer.text());
        return answer;
    }

    /** The answer, or the failure it is: a refusal ({@code stop_reason: refusal}) or no text at all. */
    ChatResponse answer(HttpHead head, Parts parts, boolean structured) {
        String stop = parts.stopReason() == null ? "unknown" : parts.stopReason();
        if (stop.equals("refusal")) {
            throw failures.contentFiltered(head, "the model refused to answer (stop_reason \"refusal\")");
        }
        String text = structured && parts.toolInput() != null ? parts.toolInput() : parts.text();
        if (text.isEmpty()) {
            throw failures.malformed(head, "the answer has no text (stop_reason \"" + stop + "\")", null);
        }
        ChatResponse response = ChatResponse.of(failures.model(), text, FinishReason.of(stop), parts.usage())
                .withRequestId(failures.requestId(head).orElse(null));
        return parts.servedModel() == null || parts.servedModel().isBlank() ? response : response.withServedModel(parts.servedModel());
    }

    /** Input tokens (cache writes and reads included) and output tokens of a {@code usage} object. */
    static TokenUsage usage(JsonNode usage) {
        long input = Math.max(0, usage.path("input_tokens").asLong(0)) + Math.max(0, usage.path("cache_creation_input_tokens").asLong(0))
                + Math.max(0, usage.path("cache_read_input_tokens").asLong(0));
        return TokenUsage.of(input, Math.max(0, usage.path("output_tokens").asLong(0)));
    }
}
