package dev.detour.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ResponseFormat;
import java.util.List;

/** Turns Detour's {@link ChatRequest} into the body of {@code POST /chat/completions}, with the chosen token-limit field. */
final class RequestMapper {

    private final ObjectMapper json;

    RequestMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The body asking {@code model} for {@code request}, its output-token limit in {@code tokenField}.
     *
     * @throws JsonProcessingException if the response format's schema is not JSON
     */
    ChatCompletionRequest map(ChatRequest request, String model, TokenLimitField tokenField)
            throws JsonProcessingException {
        GenerationOptions options = request.options();
        ResponseFormat wanted = request.responseFormat().orElse(null);
        ChatCompletionRequest.ResponseFormat format = wanted == null ? null : new ChatCompletionRequest.ResponseFormat(
                "json_schema", new ChatCompletionRequest.JsonSchema(wanted.name(), json.readTree(wanted.jsonSchema()),
                        wanted.strict()));
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
                format);
    }
}
