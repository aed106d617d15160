package dev.detour.adapters.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The parts of a {@code chat.completion} (or, with {@code delta} instead of {@code message}, a
 * {@code chat.completion.chunk}) that Detour reads. Every field may be missing or {@code null}; unknown
 * fields are skipped as they are read (not buffered, as a record's creator otherwise does with them).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletion(
        @JsonProperty("model") String model,
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("error") JsonNode error,
        @JsonProperty("object") String object) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(
            @JsonProperty("index") Integer index,
            @JsonProperty("message") Message message,
            @JsonProperty("delta") Message delta,
            @JsonProperty("finish_reason") String finishReason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(
            @JsonProperty("content") String content,
            @JsonProperty("refusal") String refusal,
            @JsonProperty("tool_calls") JsonNode toolCalls) {

        boolean hasToolCalls() {
            return toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(
            @JsonProperty("prompt_tokens") Long promptTokens,
            @JsonProperty("completion_tokens") Long completionTokens,
            @JsonProperty("total_tokens") Long totalTokens) {}

    /** Whether this is an error where an answer was expected, as {@link ErrorEvents} recognises one. */
    boolean hasError() {
        return (error != null && !error.isNull()) || "error".equals(object);
    }
}
