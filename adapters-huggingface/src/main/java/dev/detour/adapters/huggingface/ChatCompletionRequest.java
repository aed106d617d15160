package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions} as the router documents it (OpenAI-compatible, with
 * {@code max_tokens} for the output-token limit). Absent values are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChatCompletionRequest(
        String model,
        List<Message> messages,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        List<String> stop,
        Long seed,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonProperty("response_format") ResponseFormat responseFormat) {

    record Message(String role, String content) {}

    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {}

    record ResponseFormat(String type, @JsonProperty("json_schema") JsonSchema jsonSchema) {}

    record JsonSchema(String name, JsonNode schema, boolean strict) {}
}
