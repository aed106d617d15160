package dev.detour.adapters.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.transport.HtmlPages;
import dev.detour.transport.HttpHead;
import java.nio.charset.StandardCharsets;

/**
 * What a provider said about a failure: Anthropic's {@code {"type":"error","error":{"type","message"},"request_id"}},
 * or, from whatever else answered (a gateway, a proxy), a bare error object, plain text or an HTML page as the
 * message. Every field may be null; reading never fails, so the status always survives.
 */
record ErrorBody(String type, String message, String requestId) {

    static ErrorBody ofText(String message) {
        return new ErrorBody(null, message.isBlank() ? null : message, null);
    }

    static ErrorBody parse(byte[] body, HttpHead head, ObjectMapper json) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            return text.startsWith("{") ? of(json.readTree(text)) : ofText(HtmlPages.summary(head, text).orElse(text));
        } catch (JsonProcessingException e) {
            return ofText(text);
        }
    }

    /** Reads an error object: a whole body, or the data of an error event in a stream. */
    static ErrorBody of(JsonNode root) {
        JsonNode error = root.path("error").isObject() ? root.path("error") : root;
        String message = text(error.path("message"));
        return new ErrorBody(text(error.path("type")), message != null ? message
                : root.path("error").isTextual() ? root.path("error").asText() : root.toString(), text(root.path("request_id")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
