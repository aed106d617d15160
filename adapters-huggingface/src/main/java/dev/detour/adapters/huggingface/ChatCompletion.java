package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A chat completion or one chunk of a streamed one, as the router and the providers behind it send them.
 * Every field may be missing; unknown fields (such as Novita's {@code content_filter_results}) are ignored.
 * An {@code error} instead of choices is a failure reported with HTTP 200.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletion(String id, String model, List<Choice> choices, Usage usage, JsonNode error) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Integer index, Message message, Message delta, @JsonProperty("finish_reason") String finishReason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String role, JsonNode content) {

        /** The text of the content: a string, or the text parts of a list of parts; empty when none. */
        String text() {
            if (content == null || content.isNull()) {
                return "";
            }
            if (content.isTextual()) {
                return content.textValue();
            }
            StringBuilder text = new StringBuilder();
            if (content.isArray()) {
                for (JsonNode part : content) {
                    JsonNode value = part.isTextual() ? part : part.path("text");
                    if (value.isTextual()) {
                        text.append(value.textValue());
                    }
                }
            }
            return text.toString();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(
            @JsonProperty("prompt_tokens") Long promptTokens,
            @JsonProperty("completion_tokens") Long completionTokens,
            @JsonProperty("total_tokens") Long totalTokens) {}
}
