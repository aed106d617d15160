package dev.detour.app.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A chat-completions server on loopback for app tests: answers per model from a script (queued
 * responses first, then a default), answers structured requests with JSON for the research workflow's
 * record types, and keeps every request it received.
 */
public final class FakeProvider implements AutoCloseable {

    /** What one received request carried. */
    public record Received(String path, String model, String authorization, String body, String userAgent) {}

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"");

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<MockResponse>> scripts = new ConcurrentHashMap<>();
    private final Map<String, MockResponse> always = new ConcurrentHashMap<>();
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Rule> rules = new ArrayList<>();
    private final List<Consumer<Received>> beforeAnswering = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String servedBy;

    /** An answer for every request that matches. */
    private record Rule(Predicate<Received> matches, MockResponse response) {}

    /** @param servedBy the {@code x-inference-provider} to answer with, or null for none */
    public FakeProvider(String servedBy) throws IOException {
        this.servedBy = servedBy;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
                Matcher model = MODEL.matcher(body);
                String modelId = model.find() ? model.group(1) : "";
                Received arrived = new Received(request.getUrl().encodedPath(), modelId,
                        request.getHeaders().get("Authorization"), body, request.getHeaders().get("User-Agent"));
                received.add(arrived);
                beforeAnswering.forEach(action -> action.accept(arrived));
                synchronized (FakeProvider.this) {
                    for (Rule rule : rules) {
                        if (rule.matches().test(arrived)) {
                            return rule.response();
                        }
                    }
                    Deque<MockResponse> script = scripts.get(modelId);
                    if (script != null && !script.isEmpty()) {
                        return script.poll();
                    }
                    if (always.containsKey(modelId)) {
                        return always.get(modelId);
                    }
                }
                return answer(modelId, body);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    public URI url(String path) {
        String url = server.url(path).toString();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Queues responses for {@code model}, used one per request before the default answer. */
    public synchronized FakeProvider script(String model, MockResponse... responses) {
        scripts.computeIfAbsent(model, ignored -> new ArrayDeque<>()).addAll(List.of(responses));
        return this;
    }

    /** Makes {@code model} answer {@code response} to every request. */
    public synchronized FakeProvider always(String model, MockResponse response) {
        always.put(model, response);
        return this;
    }

    /** Answers every request that {@code matches} with {@code response}, before any script. */
    public synchronized FakeProvider answering(Predicate<Received> matches, MockResponse response) {
        rules.add(new Rule(matches, response));
        return this;
    }

    /** Runs {@code action} on every request as it arrives, before it is answered (on the server's thread). */
    public FakeProvider beforeAnswering(Consumer<Received> action) {
        beforeAnswering.add(action);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public long requestsFor(String model) {
        return received().stream().filter(request -> request.model().equals(model)).count();
    }

    public static MockResponse error(int status, String json) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(json).build();
    }

    /** A response that never comes: the server holds the request until the client gives up. */
    public static MockResponse stalled() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    /** A 200 chat completion whose message content is exactly {@code content}, costing the tokens given. */
    public static MockResponse completion(String model, String content, int promptTokens, int completionTokens) {
        String json = "{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"model\":\"" + model + "\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + quote(content) + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}";
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(json).build();
    }

    /** A 200 Server-Sent Events stream with exactly {@code body}. */
    public static MockResponse stream(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    private MockResponse answer(String model, String body) {
        String content;
        if (body.contains("\"json_schema\"") && body.contains("\"ResearchPlan\"")) {
            content = "{\"subQuestions\":[\"What causes it?\",\"How often?\",\"Where is it strongest?\"]}";
        } else if (body.contains("\"json_schema\"") && body.contains("\"Verdict\"")) {
            content = "{\"sufficient\":true,\"gaps\":[],\"followUpQuestions\":[]}";
        } else {
            content = "Answer from " + model + ".";
        }
        MockResponse.Builder response = completion(model, content, 12, 8).newBuilder().addHeader("x-request-id", "req-" + received.size());
        if (servedBy != null) {
            response.addHeader("x-inference-provider", servedBy);
        }
        return response.build();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
                + "\"";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
