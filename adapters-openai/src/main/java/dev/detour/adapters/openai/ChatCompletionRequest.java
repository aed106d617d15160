package dev.detour.adapters.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The JSON body of {@code POST /chat/completions}, in the shape of OpenAI's
 * {@code CreateChatCompletionRequest}. Absent values are left out, not sent as {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChatCompletionRequest(
        @JsonProperty("model") String model,
        @JsonProperty("messages") List<Message> messages,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("stop") List<String> stop,
        @JsonProperty("seed") Long seed,
        @JsonProperty("stream") Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonProperty("response_format") ResponseFormat responseFormat) {

    record Message(@JsonProperty("role") String role, @JsonProperty("content") String content) {}

    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {}

    record ResponseFormat(@JsonProperty("type") String type, @JsonProperty("json_schema") JsonSchema jsonSchema) {}

    record JsonSchema(
            @JsonProperty("name") String name,
            @JsonProperty("schema") JsonNode schema,
            @JsonProperty("strict") boolean strict) {}
}
