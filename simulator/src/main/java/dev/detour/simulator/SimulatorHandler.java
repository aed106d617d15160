package dev.detour.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves every request: hands a request under an evidence source's root to the {@link EvidenceHandler};
 * otherwise reads and records it, works out which model it asks for, lets the scenario pick a behaviour
 * and has the {@link Responder} carry it out. Requests the simulator cannot serve get the answer a provider
 * would give (404, 405 or 400, in the shape of the surface they came to).
 */
final class SimulatorHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(ProviderSimulator.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScenarioPlayer player;
    private final Recorder recorder;
    private final EvidenceHandler evidence;
    private final AtomicLong requestIds = new AtomicLong();

    SimulatorHandler(ScenarioPlayer player, Recorder recorder, EvidenceHandler evidence) {
        this.player = player;
        this.recorder = recorder;
        this.evidence = evidence;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DroppedConnection();
        } catch (DroppedConnection e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the provider simulator failed on " + exchange.getRequestURI(), e);
            if (exchange.getResponseCode() != -1) {
                throw e;
            }
            answer(exchange, 500, "{\"error\":\"the provider simulator itself failed: "
                    + e.getClass().getSimpleName() + "; this is a bug in Detour's simulator\"}");
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        Instant receivedAt = Instant.now();
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        String requestId = "sim-" + requestIds.incrementAndGet();
        exchange.getResponseHeaders().set(Reply.REQUEST_ID, requestId);
        Optional<Source> source = Source.servingAt(exchange.getRequestURI().getRawPath());
        if (source.isPresent()) {
            evidence.serve(exchange, source.get(), receivedAt, body);
            return;
        }
        Optional<Endpoint> endpoint = Endpoint.of(exchange.getRequestURI().getRawPath());

        ChatCall call = null;
        ModelKey key = null;
        String problem = null;
        if (endpoint.isPresent()) {
            try {
                call = ChatCall.of(parse(body), endpoint.get().surface());
                key = endpoint.get().key(call.model());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
                key = endpoint.get().model().map(model -> endpoint.get().key(Optional.of(model))).orElse(null);
            }
        }
        recorder.record(exchange, receivedAt, body, key == null ? "" : key.toString(), "");

        if (endpoint.isEmpty()) {
            answer(exchange, 404, error(null, "no chat-completions endpoint at " + exchange.getRequestURI().getRawPath()
                    + "; the simulator serves POST " + Endpoint.ANTHROPIC_ROOT + "/v1/messages, "
                    + Endpoint.OPENAI_ROOT + "/chat/completions, " + Endpoint.HF_ROOT
                    + "/v1/chat/completions and " + Endpoint.HF_ROOT + "/<provider>/…/chat/completions, and the evidence"
                    + " sources under " + String.join(", ", Source.roots())));
            return;
        }
        Surface surface = endpoint.get().surface();
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            answer(exchange, 405, error(surface, exchange.getRequestMethod() + " is not allowed here; use POST"));
            return;
        }
        if (problem != null) {
            answer(exchange, 400, error(surface, problem));
            return;
        }
        ScenarioPlayer.Turn turn = player.next(key);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Reply.REQUEST_ID, requestId);
        String answeredBy = call.model().orElse(key.model());
        if (surface == Surface.HUGGING_FACE) {
            String provider = servedBy(key, turn.rule());
            headers.put(Reply.INFERENCE_PROVIDER, provider);
            answeredBy = answeredBy + " via " + provider;
        }
        Reply reply = new Reply(call, call.model().orElse(key.model()), answeredBy, requestId, player.sufficient(),
                player.arrayItems(), headers);
        Responder.respond(exchange, turn.behaviour(), reply, turn.dice());
    }

    /** The provider a Hugging Face request is served by: the one it pins, else the rule's, else {@code hf-inference}. */
    private static String servedBy(ModelKey key, ModelRule rule) {
        return key.route()
                .filter(route -> !ModelRule.POLICIES.contains(route))
                .or(rule::servedBy)
                .orElse(ModelRule.DEFAULT_PROVIDER);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * An error body in the shape of {@code surface}: OpenAI's error object, Anthropic's
     * {@code {"type": "error", "error": {…}}}, or the router's {@code {"error": "…"}}.
     */
    private static String error(Surface surface, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (surface == Surface.ANTHROPIC) {
            body.put("type", "error").putObject("error").put("type", "invalid_request_error").put("message", message);
        } else if (surface == Surface.OPENAI) {
            ObjectNode error = body.putObject("error");
            error.put("message", message);
            error.put("type", "invalid_request_error");
            error.putNull("param");
            error.putNull("code");
        } else {
            body.put("error", message);
        }
        return body.toString();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", ContentTypes.JSON);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
