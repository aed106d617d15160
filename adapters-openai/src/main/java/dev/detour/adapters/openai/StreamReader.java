package dev.detour.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.wire.SseEvent;
import dev.detour.core.wire.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a streamed answer ({@code chat.completion.chunk} events over SSE): hands each text delta on as
 * it arrives and assembles the answer. A stream that ends before a finish reason is truncated and
 * fails; an error event fails like the same error on a plain response.
 */
final class StreamReader {

    private static final String DONE = "[DONE]";

    private final ObjectMapper json;
    private final ErrorBodies errorBodies;
    private final Failures failures;
    private final Answers answers;

    StreamReader(ObjectMapper json, ErrorBodies errorBodies, Failures failures, Answers answers) {
        this.json = json;
        this.errorBodies = errorBodies;
        this.failures = failures;
        this.answers = answers;
    }

    ChatResponse read(InputStream body, Function<String, String> header, Consumer<String> deltas) throws IOException {
        Assembly assembly = new Assembly();
        try (SseReader events = new SseReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            Optional<SseEvent> next;
            while ((next = events.next()).isPresent()) {
                SseEvent event = next.get();
                String data = event.data().strip();
                if (data.equals(DONE)) {
                    break;
                }
                if (!data.isEmpty()) {
                    accept(event.type(), data, header, deltas, assembly);
                }
            }
        }
        if (assembly.finishReason == null) {
            throw failures.malformed("the stream ended before a finish reason, after " + assembly.text.length()
                    + " characters; the partial answer is dropped", header, null);
        }
        return answers.finish(new Answers.Parts(assembly.text.toString(),
                assembly.refusal.isEmpty() ? null : assembly.refusal.toString(), assembly.toolCalls,
                assembly.finishReason, assembly.usage, assembly.servedModel), header);
    }

    private void accept(String type, String data, Function<String, String> header, Consumer<String> deltas,
            Assembly assembly) {
        JsonNode root;
        try {
            root = json.readTree(data);
        } catch (JsonProcessingException e) {
            if (type.equals("error")) {
                throw failures.fromProvider(null, ProviderError.ofMessage(data), header, true);
            }
            throw failures.malformed("a stream event is not JSON: " + e.getOriginalMessage(), header, e);
        }
        if (root == null || !root.isObject()) {
            throw failures.malformed("a stream event is not a JSON object", header, null);
        }
        if (type.equals("error") || ErrorEvents.isError(root)) {
            throw failures.fromProvider(null, errorBodies.parse(root), header, true);
        }
        ChatCompletion chunk;
        try {
            chunk = json.treeToValue(root, ChatCompletion.class);
        } catch (JsonProcessingException e) {
            throw failures.malformed("a stream event is not a chat completion chunk: " + e.getOriginalMessage(),
                    header, e);
        }
        if (chunk.model() != null && !chunk.model().isBlank()) {
            assembly.servedModel = chunk.model();
        }
        if (chunk.usage() != null) {
            assembly.usage = chunk.usage();
        }
        if (chunk.choices() == null) {
            return;
        }
        for (ChatCompletion.Choice choice : chunk.choices()) {
            if (choice == null || (choice.index() != null && choice.index() != 0)) {
                continue;
            }
            ChatCompletion.Message delta = choice.delta() != null ? choice.delta() : choice.message();
            if (delta != null) {
                if (delta.content() != null && !delta.content().isEmpty()) {
                    assembly.text.append(delta.content());
                    deltas.accept(delta.content());
                }
                if (delta.refusal() != null) {
                    assembly.refusal.append(delta.refusal());
                }
                assembly.toolCalls |= delta.hasToolCalls();
            }
            if (choice.finishReason() != null && !choice.finishReason().isBlank()) {
                assembly.finishReason = choice.finishReason();
            }
        }
    }

    /** What the stream has said so far; confined to the reading thread. */
    private static final class Assembly {
        final StringBuilder text = new StringBuilder();
        final StringBuilder refusal = new StringBuilder();
        boolean toolCalls;
        String finishReason;
        ChatCompletion.Usage usage;
        String servedModel;
    }
}
