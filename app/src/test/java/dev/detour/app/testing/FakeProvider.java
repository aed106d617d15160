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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A chat-completions server on loopback for app tests: answers per model from a script (queued
 * responses first, then a default), answers structured requests with JSON for the research workflow's
 * record types, and keeps every request it received.
 */
public final class FakeProvider implements AutoCloseable {

    /** What one received request carried. */
    public record Received(String path, String model, String authorization, String body) {}

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"");

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<MockResponse>> scripts = new ConcurrentHashMap<>();
    private final Map<String, MockResponse> always = new ConcurrentHashMap<>();
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final String servedBy;

    /** @param servedBy the {@code x-inference-provider} to answer with, or null for none */
    public FakeProvider(String servedBy) throws IOException {
        this.servedBy = servedBy;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
                Matcher model = MODEL.matcher(body);
                String modelId = model.find() ? model.group(1) : "";
                received.add(new Received(request.getUrl().encodedPath(), modelId,
                        request.getHeaders().get("Authorization"), body));
                synchronized (FakeProvider.this) {
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

    public List<Received> received() {
        return List.copyOf(received);
    }

    public long requestsFor(String model) {
        return received().stream().filter(request -> request.model().equals(model)).count();
    }

    public static MockResponse error(int status, String json) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(json).build();
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
        String json = "{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"model\":\"" + model + "\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + quote(content) + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}}";
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json").addHeader("x-request-id", "req-" + received.size())
                .body(json);
        if (servedBy != null) {
            response.addHeader("x-inference-provider", servedBy);
        }
        return response.build();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
