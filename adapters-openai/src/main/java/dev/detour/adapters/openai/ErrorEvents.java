package dev.detour.adapters.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises an error where an answer was expected: OpenAI's {@code {"error": ...}} and vLLM's
 * {@code {"object": "error", ...}}.
 */
final class ErrorEvents {

    private ErrorEvents() {}

    static boolean isError(JsonNode root) {
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            return true;
        }
        JsonNode object = root.get("object");
        return object != null && "error".equals(object.asText());
    }
}
