package dev.detour.adapters.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.conformance.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire payloads for the tests: the captured fixtures, and bodies constructed in the shapes OpenAI and
 * compatible servers document, for the cases no capture covers.
 */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String COMPLETION = Fixtures.text("fixtures/openai-chat-completion.json");
    static final String COMPLETION_JSON_SCHEMA = Fixtures.text("fixtures/openai-chat-completion-json-schema.json");
    static final String COMPLETION_FINISH_LENGTH = Fixtures.text("fixtures/openai-chat-completion-finish-length.json");
    static final String NOVITA_COMPLETION = Fixtures.text("fixtures/hf-router-novita-chat-completion.json");
    static final String STREAM_BASIC = Fixtures.text("fixtures/openai-stream-basic.sse");
    static final String STREAM_INCLUDE_USAGE = Fixtures.text("fixtures/openai-stream-include-usage.sse");
    static final String NOVITA_STREAM = Fixtures.text("fixtures/hf-router-novita-stream.sse");
    static final String ERROR_400_CONTEXT = Fixtures.text("fixtures/openai-error-400-context-length-exceeded.json");
    static final String ERROR_401_KEY = Fixtures.text("fixtures/openai-error-401-invalid-api-key.json");
    static final String ERROR_404_MODEL = Fixtures.text("fixtures/openai-error-404-model-not-found.json");
    static final String ERROR_429_RATE = Fixtures.text("fixtures/openai-error-429-rate-limit-exceeded.json");
    static final String ERROR_500_SERVER = Fixtures.text("fixtures/openai-error-500-server-error.json");

    private Payloads() {}

    /** An error body in OpenAI's documented shape; {@code null} values are written as JSON null. */
    static String openAiError(String message, String type, String param, String code) {
        ObjectNode error = JSON.createObjectNode();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode root = JSON.createObjectNode();
        root.set("error", error);
        return root.toString();
    }

    /** The SSE events of {@code transcript} whose data is JSON, in order, as text. */
    static List<String> events(String transcript) {
        List<String> events = new ArrayList<>();
        for (String block : transcript.split("\n\n")) {
            if (block.startsWith("data: {")) {
                events.add(block.substring("data: ".length()));
            }
        }
        return events;
    }

    /** The non-empty {@code delta.content} pieces of a stream transcript, in order. */
    static List<String> deltas(String transcript) {
        List<String> deltas = new ArrayList<>();
        for (String event : events(transcript)) {
            for (JsonNode choice : tree(event).path("choices")) {
                String content = choice.path("delta").path("content").asText("");
                if (!content.isEmpty()) {
                    deltas.add(content);
                }
            }
        }
        return deltas;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
