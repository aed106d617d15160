package dev.detour.adapters.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.Role;
import java.util.stream.Collectors;

/**
 * Turns Detour's {@link ChatRequest} into the body of {@code POST /v1/messages}: system messages joined into the
 * top-level {@code system}, {@code max_tokens} the call's limit or {@value #DEFAULT_MAX_TOKENS} (the API requires
 * one), the temperature capped at Anthropic's 1.0, and structured output as one forced tool whose
 * {@code input_schema} is the record's JSON schema.
 */
record RequestMapper(ObjectMapper json) {

    static final int DEFAULT_MAX_TOKENS = 4096;

    ObjectNode map(ChatRequest request, String model) throws JsonProcessingException {
        GenerationOptions options = request.options();
        ObjectNode body = json.createObjectNode().put("model", model)
                .put("max_tokens", options.maxOutputTokens().orElse(DEFAULT_MAX_TOKENS));
        String system = request.messages().stream().filter(message -> message.role() == Role.SYSTEM)
                .map(ChatMessage::content).collect(Collectors.joining("\n\n"));
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        ArrayNode messages = body.putArray("messages");
        request.messages().stream().filter(message -> message.role() != Role.SYSTEM).forEach(message ->
                messages.addObject().put("role", message.role().wireName()).put("content", message.content()));
        options.temperature().ifPresent(value -> body.put("temperature", Math.min(1.0, value)));
        options.topP().ifPresent(value -> body.put("top_p", value));
        if (!options.stop().isEmpty()) {
            options.stop().forEach(body.putArray("stop_sequences")::add);
        }
        if (request.stream()) {
            body.put("stream", true);
        }
        if (request.responseFormat().isPresent()) {
            String name = request.responseFormat().get().name();
            body.putArray("tools").addObject().put("name", name).put("description", "Give the answer as this tool's input.")
                    .set("input_schema", json.readTree(request.responseFormat().get().jsonSchema()));
            body.putObject("tool_choice").put("type", "tool").put("name", name);
        }
        return body;
    }
}
