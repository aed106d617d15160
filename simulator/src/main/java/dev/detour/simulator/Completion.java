package dev.detour.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One simulated chat completion and its two wire forms: an OpenAI-shaped JSON body, and the SSE events
 * of the same answer ({@code data: {...}} chunks, a final usage chunk when asked for, {@code data: [DONE]}).
 * For the Anthropic surface, {@link AnthropicMessage} writes both forms in the Messages API's shape instead.
 *
 * @param tool the forced tool whose input the content is, for Anthropic's structured output
 */
record Completion(String id, long created, String model, String content, int promptTokens, int completionTokens,
        Surface surface, Optional<String> tool) {

    static final String DONE = "data: [DONE]\n\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORDS_PER_CHUNK = 3;

    byte[] json(String finishReason) {
        if (surface == Surface.ANTHROPIC) {
            return new AnthropicMessage(this).json(finishReason);
        }
        ObjectNode body = head("chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        usage(body);
        return bytes(body);
    }

    /** The events before the one that carries the finish reason: the role, then the content in pieces. */
    List<String> contentEvents() {
        if (surface == Surface.ANTHROPIC) {
            return new AnthropicMessage(this).contentEvents();
        }
        List<String> events = new ArrayList<>();
        ObjectNode first = chunk();
        ObjectNode delta = ((ObjectNode) first.get("choices").get(0)).putObject("delta");
        delta.put("role", "assistant");
        delta.put("content", "");
        ((ObjectNode) first.get("choices").get(0)).putNull("finish_reason");
        events.add(event(first));
        for (String piece : pieces()) {
            ObjectNode chunk = chunk();
            ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
            choice.putObject("delta").put("content", piece);
            choice.putNull("finish_reason");
            events.add(event(chunk));
        }
        return events;
    }

    /** Every event of the stream, {@code data: [DONE]} included. */
    List<String> events(String finishReason, boolean includeUsage) {
        if (surface == Surface.ANTHROPIC) {
            return new AnthropicMessage(this).events(finishReason);
        }
        List<String> events = contentEvents();
        ObjectNode last = chunk();
        ObjectNode choice = (ObjectNode) last.get("choices").get(0);
        choice.putObject("delta");
        choice.put("finish_reason", finishReason);
        events.add(event(last));
        if (includeUsage) {
            ObjectNode usage = head("chat.completion.chunk");
            usage.putArray("choices");
            usage(usage);
            events.add(event(usage));
        }
        events.add(DONE);
        return events;
    }

    /**
     * The parts of a completion body around an empty content string: the prefix ends with the string's
     * opening quote, the suffix starts with its closing one, so any run of plain characters between them
     * keeps the body valid JSON.
     */
    byte[][] aroundContent() {
        String json = new String(new Completion(id, created, model, "", promptTokens, completionTokens, surface,
                Optional.empty()).json(Ok.STOP), StandardCharsets.UTF_8);
        String empty = surface == Surface.ANTHROPIC ? "\"text\":\"" : "\"content\":\"";
        int at = json.indexOf(empty + "\"") + empty.length();
        return new byte[][] {
            json.substring(0, at).getBytes(StandardCharsets.UTF_8), json.substring(at).getBytes(StandardCharsets.UTF_8)
        };
    }

    /** A completion body that stops in the middle of its content string. */
    byte[] truncatedJson() {
        byte[] full = json(Ok.STOP);
        String text = new String(full, StandardCharsets.UTF_8);
        int cut = text.indexOf("\"content\":") + "\"content\":".length() + Math.min(12, content.length());
        return text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
    }

    /** The content in pieces of a few words, as a stream sends it. */
    List<String> pieces() {
        String[] words = content.split("(?<= )");
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < words.length; i += WORDS_PER_CHUNK) {
            pieces.add(String.join("", Arrays.asList(words).subList(i, Math.min(words.length, i + WORDS_PER_CHUNK))));
        }
        return pieces;
    }

    private ObjectNode head(String object) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("object", object);
        node.put("created", created);
        node.put("model", model);
        return node;
    }

    private ObjectNode chunk() {
        ObjectNode chunk = head("chat.completion.chunk");
        ArrayNode choices = chunk.putArray("choices");
        choices.addObject().put("index", 0);
        return chunk;
    }

    private void usage(ObjectNode body) {
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
    }

    private static String event(ObjectNode data) {
        return "data: " + data + "\n\n";
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
