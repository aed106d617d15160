package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.app.config.ServerConfig;
import dev.detour.core.workflow.RunStoreException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/models}, {@code /v1/doctor}, the health endpoints, the page, and a graceful stop. */
class SystemApiTest {

    @Test
    void modelsShowEachBreakerAndTheRecentOutcomesByKindWithoutAnyKey() {
        try (ServerRig rig = ServerRig.start()) {
            JsonNode before = ServerRig.json(rig.get("/v1/models"));
            assertThat(before.at("/models/0/circuit/state").asText()).isEqualTo("closed");
            assertThat(before.at("/models/0/circuit/openUntil").isNull()).isTrue();

            rig.awaitStatus(rig.startRun("Why is the sea salty?"), "completed");
            JsonNode after = ServerRig.json(rig.get("/v1/models"));

            assertThat(after.get("models")).extracting(model -> model.get("model").asText())
                    .containsExactly(ServerRig.QWEN_72B.toString(), ServerRig.QWEN_7B.toString(), ServerRig.GPT.toString());
            JsonNode primary = after.at("/models/0");
            assertThat(primary.at("/circuit/state").asText()).isEqualTo("open");
            assertThat(primary.at("/circuit/openUntil").asText()).isNotBlank();
            assertThat(primary.at("/recent/ProviderUnavailable").asInt()).isEqualTo(3);
            assertThat(primary.at("/recent/skipped: circuit open").asInt()).isPositive();
            assertThat(after.at("/models/1/recent/OK").asInt()).isPositive();
            assertThat(primary.get("key").asText()).isEqualTo("HF_TOKEN (set)");
            assertThat(after.at("/models/2/key").asText()).isEqualTo("OPENAI_API_KEY (not set)");
        }
    }

    @Test
    void doctorProbesEachModelOnceAndAnswersFromThatRoundUntilTheIntervalPasses() {
        try (ServerRig rig = ServerRig.start()) {
            JsonNode first = ServerRig.json(rig.get("/v1/doctor"));
            JsonNode second = ServerRig.json(rig.get("/v1/doctor"));

            assertThat(second.get("probedAt")).isEqualTo(first.get("probedAt"));
            assertThat(rig.simulator.requestCount(ServerRig.QWEN_72B.toString())).isEqualTo(1);
            assertThat(rig.simulator.requestCount(ServerRig.GPT.toString())).isEqualTo(1);
            assertThat(first.get("healthy").asInt()).isEqualTo(2);
            JsonNode primary = first.at("/probes/0");
            assertThat(primary.get("ok").asBoolean()).isFalse();
            assertThat(primary.get("httpStatus").asInt()).isEqualTo(500);
            assertThat(primary.get("inferenceProvider").asText()).isEqualTo("novita");
            assertThat(primary.get("kind").asText()).isEqualTo("ProviderUnavailable");
            assertThat(first.at("/probes/1/ok").asBoolean()).isTrue();
        }
    }

    @Test
    void healthIsLiveAndReadyWhileTheStoreTakesWrites() {
        try (ServerRig rig = ServerRig.start()) {
            assertThat(ServerRig.json(rig.get("/health/live")).get("status").asText()).isEqualTo("ok");
            HttpResponse<String> ready = rig.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ServerRig.json(ready).at("/checks/store").asText()).isEqualTo("writable");

            rig.breakableStore.breakWith(new RunStoreException("the disk is full"));
            HttpResponse<String> failing = rig.get("/health/ready");

            assertThat(failing.statusCode()).isEqualTo(503);
            assertThat(ServerRig.json(failing).at("/checks/store").asText()).contains("the disk is full");
            assertThat(rig.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void servesThePageAndItsAssetsFromTheJar() {
        try (ServerRig rig = ServerRig.start()) {
            HttpResponse<String> page = rig.get("/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("http://")
                    .doesNotContain("https://").doesNotContain("<script>").doesNotContain("style=");
            assertThat(rig.get("/app.js").statusCode()).isEqualTo(200);
            assertThat(rig.get("/app.css").statusCode()).isEqualTo(200);
            assertThat(rig.get("/markdown.js").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aStoppingServerTakesNoNewRunCancelsItsRunsAtADurablePointAndARestartedOneListsThemResumable(@TempDir Path directory)
            throws Exception {
        ServerConfig graceful = new ServerConfig(8, List.of(), Duration.ofSeconds(1));
        Path store = directory.resolve("detour.db");
        ServerRig rig = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofSeconds(30))).server(graceful)
                .store(store));
        String id;
        try {
            id = rig.startRun("Why is the sea salty?");
            rig.awaitRun(id, detail -> detail.get("modelCalls").asInt() > 0);
            Thread stopping = Thread.ofVirtual().start(rig.server::stop);
            awaitNotReady(rig);
            RunsApiTest.assertError(rig.post("/v1/runs", "{\"question\": \"late\"}"), 503, "shutting_down", null);
            stopping.join();
        } finally {
            rig.close();
        }

        try (ServerRig restarted = ServerRig.start(options -> options.store(store))) {
            JsonNode listed = ServerRig.json(restarted.get("/v1/runs")).at("/runs/0");

            assertThat(listed.get("id").asText()).isEqualTo(id);
            assertThat(listed.get("status").asText()).isEqualTo("cancelled");
            assertThat(listed.get("resumable").asBoolean()).isTrue();
            assertThat(listed.get("live").asBoolean()).isFalse();
        }
    }

    private static void awaitNotReady(ServerRig rig) throws InterruptedException {
        Instant deadline = Instant.now().plus(ServerRig.PATIENCE);
        while (rig.get("/health/ready").statusCode() != 503) {
            assertThat(Instant.now()).as("the server never began to stop").isBefore(deadline);
            Thread.sleep(10);
        }
    }
}
