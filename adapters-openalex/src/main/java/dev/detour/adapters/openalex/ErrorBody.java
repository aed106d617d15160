package dev.detour.adapters.openalex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** OpenAlex's own words in its JSON error body: {@code {"error":"Invalid query parameters error.","message":"..."}}. */
final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {}

    static Optional<String> words(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(text);
            String error = body.path("error").isTextual() ? body.path("error").asText().strip() : "";
            String message = body.path("message").isTextual() ? body.path("message").asText().strip() : "";
            String both = error.isEmpty() || message.isEmpty() ? error + message : error + " " + message;
            return both.isBlank() ? Optional.empty() : Optional.of(both);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
