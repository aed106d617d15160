package dev.detour.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.GenerationOptions;
import java.util.List;

/** Turns a {@link ChatRequest} for one model into the wire request, with the chosen token-limit field. */
final class RequestMapper {

    private final ObjectMapper json;

    RequestMapper(ObjectMapper json) {
        this.json = json;
    }

    ChatCompletionRequest map(String model, ChatRequest request, TokenLimitField tokenField) {
        GenerationOptions options = request.options();
        Integer maxTokens = options.maxOutputTokens().isPresent() ? options.maxOutputTokens().getAsInt() : null;
        List<ChatCompletionRequest.Message> messages = request.messages().stream()
                .map(message -> new ChatCompletionRequest.Message(message.role().wireName(), message.content()))
                .toList();
        return new ChatCompletionRequest(
                model,
                messages,
                options.temperature().isPresent() ? options.temperature().getAsDouble() : null,
                options.topP().isPresent() ? options.topP().getAsDouble() : null,
                tokenField == TokenLimitField.MAX_COMPLETION_TOKENS ? maxTokens : null,
                tokenField == TokenLimitField.MAX_TOKENS ? maxTokens : null,
                options.stop().isEmpty() ? null : options.stop(),
                options.seed().isPresent() ? options.seed().getAsLong() : null,
                request.stream() ? Boolean.TRUE : null,
                request.stream() ? new ChatCompletionRequest.StreamOptions(true) : null,
                request.responseFormat().map(format -> new ChatCompletionRequest.ResponseFormat("json_schema",
                        new ChatCompletionRequest.JsonSchema(format.name(), schema(format.jsonSchema()), format.strict())))
                        .orElse(null));
    }

    private JsonNode schema(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the response format's JSON schema is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
