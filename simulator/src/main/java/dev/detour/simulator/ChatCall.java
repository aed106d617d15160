package dev.detour.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the simulator needs from a chat request body: OpenAI's chat completions (the router's too), or
 * Anthropic's Messages API, whose structured output is a forced tool ({@code tool_choice: {type: tool}}).
 *
 * @param surface the wire format the request came in
 * @param model the {@code model} field, empty if absent
 * @param stream whether it asked for an SSE stream
 * @param includeUsage whether it asked for a final usage chunk ({@code stream_options.include_usage})
 * @param schema the JSON schema of {@code response_format: {type: json_schema}}, if any
 * @param jsonObject whether it asked for {@code response_format: {type: json_object}}
 * @param prompt the last user message (or the last message), on one line
 * @param promptChars the length of every message's text together
 * @param tool the name of the forced tool whose input is the answer (Anthropic's structured output), if any
 */
record ChatCall(
        Surface surface,
        Optional<String> model,
        boolean stream,
        boolean includeUsage,
        Optional<JsonNode> schema,
        boolean jsonObject,
        String prompt,
        int promptChars,
        Optional<String> tool) {

    /**
     * Reads {@code body}.
     *
     * @throws IllegalArgumentException saying what the request got wrong, for a 400 answer
     */
    static ChatCall of(JsonNode body, Surface surface) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("'messages' must be a non-empty array");
        }
        String prompt = "";
        boolean fromUser = false;
        int chars = text(body.path("system")).length();
        for (JsonNode message : messages) {
            String text = text(message.path("content"));
            chars += text.length();
            boolean user = message.path("role").asText("").equals("user");
            if (user || !fromUser) {
                prompt = text;
                fromUser = user;
            }
        }
        JsonNode model = body.path("model");
        JsonNode format = body.path("response_format");
        String formatType = format.path("type").asText("");
        Optional<JsonNode> schema = Optional.empty();
        if (formatType.equals("json_schema")) {
            JsonNode found = format.path("json_schema").path("schema");
            if (!found.isObject()) {
                throw new IllegalArgumentException("'response_format.json_schema.schema' must be a JSON schema object");
            }
            // Tried here so that a schema the simulator cannot answer gets a 400, as a provider's refusal would.
            SchemaInstance.of(found, "", true);
            schema = Optional.of(found);
        }
        Optional<String> tool = Optional.empty();
        if (body.path("tool_choice").path("type").asText("").equals("tool")) {
            JsonNode found = body.path("tools").path(0).path("input_schema");
            if (!found.isObject()) {
                throw new IllegalArgumentException("'tools[0].input_schema' of the forced tool must be a JSON schema object");
            }
            SchemaInstance.of(found, "", true);
            schema = Optional.of(found);
            tool = Optional.of(body.path("tool_choice").path("name").asText("answer"));
        }
        return new ChatCall(
                surface,
                model.isTextual() && !model.asText().isBlank() ? Optional.of(model.asText()) : Optional.empty(),
                body.path("stream").asBoolean(false),
                body.path("stream_options").path("include_usage").asBoolean(false),
                schema,
                formatType.equals("json_object"),
                prompt.replaceAll("\\s+", " ").strip(),
                chars,
                tool);
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.path("type").asText("").equals("text")) {
                    text.append(part.path("text").asText("")).append(' ');
                }
            }
        }
        return text.toString().strip();
    }
}
