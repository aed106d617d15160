package dev.detour.adapters.europepmc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Europe PMC's own words in a JSON error body: its {@code errMsg}, {@code message} or {@code error}. */
final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {}

    static Optional<String> words(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(text);
            for (String field : new String[] {"errMsg", "message", "error"}) {
                if (body.path(field).isTextual() && !body.path(field).asText().isBlank()) {
                    return Optional.of(body.path(field).asText());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
