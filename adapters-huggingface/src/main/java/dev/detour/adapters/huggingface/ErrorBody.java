package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.transport.HtmlPages;
import dev.detour.transport.HttpHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What an error response said, whatever its shape. Read in this order: JSON with an object {@code error}
 * ({@code message}, {@code type}, {@code code}); JSON with a string {@code error} (with TGI's
 * {@code error_type} and the loading {@code estimated_time}); a top-level {@code message} or
 * {@code detail}; else the text itself, its first {@value #MAX_TEXT} characters, and for an HTML page only
 * "HTML error page from <host>".
 *
 * @param message the provider's words, or what Detour saw instead; empty when there were none
 * @param type the error object's {@code type}
 * @param code the error object's {@code code}, as text
 * @param errorType TGI's {@code error_type}, such as {@code validation} or {@code template_error}
 * @param estimatedTime how long a loading model needs, from {@code estimated_time}
 */
record ErrorBody(
        String message,
        Optional<String> type,
        Optional<String> code,
        Optional<String> errorType,
        Optional<Duration> estimatedTime) {

    static final int MAX_TEXT = 2048;

    /** Reads an error body that came with {@code head}. */
    static ErrorBody parse(byte[] body, HttpHead head, ObjectMapper json) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        Optional<ErrorBody> fromJson = json(text, json);
        if (fromJson.isPresent()) {
            return fromJson.get();
        }
        Optional<String> page = HtmlPages.summary(head, text);
        if (page.isPresent()) {
            return ofText(page.get());
        }
        if (text.isEmpty()) {
            String headerMessage = head.header("X-Error-Message");
            return ofText(headerMessage == null ? "" : headerMessage);
        }
        return ofText(text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT));
    }

    /** Reads the {@code error} of a JSON object that arrived with HTTP 200 (a stream event, a body). */
    static ErrorBody of(JsonNode node) {
        JsonNode error = node.path("error");
        if (error.isObject()) {
            return new ErrorBody(
                    text(error.get("message")).orElse(error.toString()),
                    text(error.get("type")),
                    text(error.get("code")),
                    text(error.get("error_type")).or(() -> text(node.get("error_type"))),
                    seconds(node.get("estimated_time")));
        }
        if (error.isTextual()) {
            return new ErrorBody(error.textValue(), Optional.empty(), Optional.empty(),
                    text(node.get("error_type")), seconds(node.get("estimated_time")));
        }
        for (String field : new String[] {"message", "detail"}) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull()) {
                return new ErrorBody(value.isTextual() ? value.textValue() : value.toString(),
                        text(node.get("type")), text(node.get("code")), text(node.get("error_type")),
                        seconds(node.get("estimated_time")));
            }
        }
        return ofText(node.toString());
    }

    /** The body's words with nothing else known. */
    static ErrorBody ofText(String message) {
        return new ErrorBody(message, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The code to report as the provider's: the error code, else TGI's error type, else the error type. */
    Optional<String> providerCode() {
        return code.or(() -> errorType).or(() -> type);
    }

    private static Optional<ErrorBody> json(String text, ObjectMapper json) {
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? Optional.of(of(node)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return Optional.empty();
        }
        String value = node.asText();
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Duration> seconds(JsonNode node) {
        if (node == null || !node.isNumber() || node.doubleValue() < 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(node.doubleValue() * 1000)));
    }
}
