package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ResponseFormat;

/** Turns Detour's {@link ChatRequest} into the router's request body. */
final class RequestMapper {

    private final ObjectMapper json;

    RequestMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The body asking {@code model} for {@code request}.
     *
     * @throws JsonProcessingException if the response format's schema is not JSON
     */
    ChatCompletionRequest map(ChatRequest request, String model) throws JsonProcessingException {
        GenerationOptions options = request.options();
        ChatCompletionRequest.ResponseFormat format = null;
        if (request.responseFormat().isPresent()) {
            format = responseFormat(request.responseFormat().get());
        }
        return new ChatCompletionRequest(
                model,
                request.messages().stream()
                        .map(message -> new ChatCompletionRequest.Message(message.role().wireName(), message.content()))
                        .toList(),
                options.temperature().isPresent() ? options.temperature().getAsDouble() : null,
                options.topP().isPresent() ? options.topP().getAsDouble() : null,
                options.maxOutputTokens().isPresent() ? options.maxOutputTokens().getAsInt() : null,
                options.stop().isEmpty() ? null : options.stop(),
                options.seed().isPresent() ? options.seed().getAsLong() : null,
                request.stream() ? Boolean.TRUE : null,
                request.stream() ? new ChatCompletionRequest.StreamOptions(true) : null,
                format);
    }

    private ChatCompletionRequest.ResponseFormat responseFormat(ResponseFormat format) throws JsonProcessingException {
        return new ChatCompletionRequest.ResponseFormat("json_schema", new ChatCompletionRequest.JsonSchema(
                format.name(), json.readTree(format.jsonSchema()), format.strict()));
    }
}
