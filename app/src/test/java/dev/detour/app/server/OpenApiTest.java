package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.detour.app.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code /v1/openapi.json} against the server's real replies: every
 * documented operation is called, and every reply (and every event's data) validates against the schema
 * the document gives for its path, method and status.
 */
class OpenApiTest {

    private final List<String> called = new ArrayList<>();
    private JsonNode document;

    @Test
    void everyReplyOfEveryOperationMatchesTheDocument() {
        ServerConfig oneAtATime = new ServerConfig(1, List.of(), Duration.ofMillis(100));
        try (ServerRig rig = ServerRig.start(options -> options.server(oneAtATime))) {
            HttpResponse<String> served = rig.get("/v1/openapi.json");
            document = ServerRig.json(served);
            assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
            check("/v1/openapi.json", "get", served);

            HttpResponse<String> started = rig.post("/v1/runs", "{\"question\": \"Why is the sea salty?\"}");
            check("/v1/runs", "post", started);
            String id = ServerRig.json(started).get("id").asText();
            check("/v1/runs", "post", rig.post("/v1/runs", "{\"question\": \"second\"}"));
            check("/v1/runs/{id}", "get", rig.get("/v1/runs/" + id));
            for (ServerRig.Received event : rig.allEvents(id)) {
                assertValid("#/components/schemas/Event", event.data());
            }
            called.add("get /v1/runs/{id}/events 200");
            rig.awaitStatus(id, "completed");
            check("/v1/runs/{id}", "get", rig.get("/v1/runs/" + id));
            check("/v1/runs", "get", rig.get("/v1/runs?limit=5"));
            check("/v1/runs", "get", rig.get("/v1/runs?limit=0"));
            check("/v1/runs", "post", rig.post("/v1/runs", "{\"question\": 3}"));
            check("/v1/runs", "post", rig.post("/v1/runs", "{\"question\": \"" + "x".repeat(70_000) + "\"}"));
            check("/v1/runs/{id}", "get", rig.get("/v1/runs/missing"));
            check("/v1/runs/{id}/cancel", "post", rig.post("/v1/runs/" + id + "/cancel", ""));
            check("/v1/runs/{id}/cancel", "post", rig.post("/v1/runs/missing/cancel", ""));
            check("/v1/runs/{id}/resume", "post", rig.post("/v1/runs/" + id + "/resume", ""));
            check("/v1/runs/{id}/resume", "post", rig.post("/v1/runs/missing/resume", ""));
            check("/v1/runs/{id}/resume", "post", rig.post("/v1/runs/" + id + "/resume", "{\"tokenBudget\": 0}"));
            check("/v1/runs/{id}/events", "get", rig.get("/v1/runs/missing/events"));
            check("/v1/runs/{id}/events", "get", rig.get("/v1/runs/" + id + "/events", "Last-Event-ID", "x"));
            check("/v1/models", "get", rig.get("/v1/models"));
            check("/v1/doctor", "get", rig.get("/v1/doctor"));
            check("/health/live", "get", rig.get("/health/live"));
            check("/health/ready", "get", rig.get("/health/ready"));
            rig.breakableStore.breakWith(new dev.detour.core.workflow.RunStoreException("disk full"));
            check("/health/ready", "get", rig.get("/health/ready"));
        }
        try (ServerRig rig = ServerRig.start(options -> options.token("rig-token-for-the-openapi-check"))) {
            check("/v1/models", "get", rig.get("/v1/models"));
        }
        try (ServerRig rig = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofSeconds(30)))
                .server(oneAtATime))) {
            String id = rig.startRun("slow");
            check("/v1/runs", "post", rig.post("/v1/runs", "{\"question\": \"refused\"}"));
            check("/v1/runs/{id}", "get", rig.get("/v1/runs/" + id));
            check("/v1/runs/{id}/resume", "post", rig.post("/v1/runs/" + id + "/resume", ""));
            check("/v1/runs/{id}/cancel", "post", rig.post("/v1/runs/" + id + "/cancel", ""));
        }

        assertThat(called).contains("post /v1/runs 202", "post /v1/runs 400", "post /v1/runs 413", "post /v1/runs 429",
                "get /v1/runs/{id} 404", "post /v1/runs/{id}/cancel 409", "post /v1/runs/{id}/resume 409",
                "get /health/ready 503", "get /v1/models 401");
        assertThat(operations()).isEqualTo(called.stream().map(call -> call.substring(0, call.lastIndexOf(' ')))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void costsWithPricesConfiguredMatchTheDocument() {
        try (ServerRig rig = ServerRig.start(options -> options.config(config -> config.withPricing(
                new dev.detour.core.cost.Pricing(Map.of(ServerRig.QWEN_7B, ServerCostTest.QWEN_7B_PRICE))))) ) {
            document = ServerRig.json(rig.get("/v1/openapi.json"));
            String id = rig.startRun("Why is the sea salty?");

            List<ServerRig.Received> events = rig.allEvents(id);
            rig.awaitStatus(id, "completed");
            HttpResponse<String> detail = rig.get("/v1/runs/" + id);
            HttpResponse<String> listing = rig.get("/v1/runs");

            assertThat(events).anySatisfy(event -> assertThat(event.data().has("cost")).isTrue());
            events.forEach(event -> assertValid("#/components/schemas/Event", event.data()));
            assertThat(ServerRig.json(detail).has("cost")).isTrue();
            check("/v1/runs/{id}", "get", detail);
            assertThat(ServerRig.json(listing).at("/runs/0").has("cost")).isTrue();
            check("/v1/runs", "get", listing);
        }
    }

    private void check(String path, String method, HttpResponse<String> response) {
        String status = String.valueOf(response.statusCode());
        JsonNode declared = document.path("paths").path(path).path(method).path("responses").path(status);
        assertThat(declared.isMissingNode()).as("%s %s documents status %s (%s)", method, path, status, response.body())
                .isFalse();
        called.add(method + " " + path + " " + status);
        if (declared.has("headers")) {
            for (Iterator<String> names = declared.get("headers").fieldNames(); names.hasNext(); ) {
                String name = names.next();
                assertThat(response.headers().firstValue(name)).as("%s %s %s header %s", method, path, status, name).isPresent();
            }
        }
        String pointer = "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/" + status
                + "/content/application~1json/schema";
        assertValid(pointer, ServerRig.json(response));
    }

    private void assertValid(String pointer, JsonNode value) {
        ObjectNode root = document.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", pointer);
        Set<ValidationMessage> violations = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(URI.create("https://detour.invalid/openapi.json"), root, SchemaValidatorsConfig.builder().build())
                .validate(value);
        assertThat(violations).as("%s against %s", value, pointer).isEmpty();
    }

    private TreeSet<String> operations() {
        TreeSet<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!operation.getKey().equals("parameters")) {
                    operations.add(operation.getKey() + " " + path.getKey());
                }
            }
        }
        return operations;
    }
}
