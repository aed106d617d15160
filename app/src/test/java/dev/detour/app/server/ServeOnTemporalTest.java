package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.app.cli.ServeFixtures;
import dev.detour.app.server.ServerRig.Received;
import dev.detour.app.temporal.InMemoryTemporal;
import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ModelRef;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detour serve --engine temporal} over real HTTP: runs start on Temporal's in-memory test server and a
 * worker made from the server's own graph runs them against the provider simulator; the API, the event stream
 * (live and with Last-Event-ID), cancel and a run's own chain behave as on the embedded engine.
 */
class ServeOnTemporalTest {

    private static final String QUESTION = "Why is the sea salty?";

    @RegisterExtension
    static final InMemoryTemporal TEMPORAL = new InMemoryTemporal();

    @Test
    void aRunStartedOverHttpRunsOnTemporalAndStreamsTheFallbackAndTheReport() {
        try (ServerRig rig = ServerRig.start(options -> options.temporal(TEMPORAL.client()))) {
            String id = rig.startRun(QUESTION);

            List<Received> events = rig.allEvents(id);
            JsonNode detail = rig.awaitStatus(id, "completed");

            assertThat(events).extracting(Received::id).isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events.get(0).event()).isEqualTo("RunStarted");
            assertThat(events.get(events.size() - 1).event()).isEqualTo("RunCompleted");
            assertThat(events).map(Received::data).filteredOn(event -> event.get("type").asText().equals("FallbackTaken"))
                    .first().satisfies(fallback -> {
                        assertThat(fallback.get("from").asText()).isEqualTo(ServerRig.QWEN_72B.toString());
                        assertThat(fallback.get("to").asText()).isEqualTo(ServerRig.QWEN_7B.toString());
                    });
            assertThat(detail.at("/steps/0/path").asText()).isEqualTo("plan");
            assertThat(detail.at("/steps/0/servedBy").asText()).isEqualTo("hf:Qwen/Qwen2.5-7B-Instruct via hf-inference");
            assertThat(detail.at("/report/markdown").asText()).contains("fell back from `hf:Qwen/Qwen2.5-72B-Instruct`");
            assertThat(detail.get("resumable").asBoolean()).isFalse();
            assertThat(ServerRig.json(rig.get("/v1/runs")).get("runs")).extracting(run -> run.get("id").asText()).contains(id);
            assertThat(rig.breakableStore.find(id)).as("Temporal holds the run, not this server's store").isEmpty();
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdMissesNothingAndGetsNothingTwice() {
        try (ServerRig rig = ServerRig.start(options -> options.temporal(TEMPORAL.client())
                .scenario(ServerRig.outage(Duration.ofMillis(150))))) {
            EventStreamTest.assertReconnectsWithoutAGapOrADuplicate(rig);
        }
    }

    @Test
    void aRunThatNamesItsOwnChainHasEveryCallMadeThroughItOnTheWorker() {
        try (ServerRig rig = ServerRig.start(options -> options.temporal(TEMPORAL.client()))) {
            HttpResponse<String> started = rig.post("/v1/runs",
                    "{\"question\": \"q\", \"chain\": [\"openai:gpt-4o-mini\"], \"maxIterations\": 1}");
            assertThat(started.statusCode()).isEqualTo(202);
            String id = ServerRig.json(started).get("id").asText();

            JsonNode detail = rig.awaitStatus(id, "completed");

            assertThat(detail.get("steps")).isNotEmpty().allSatisfy(step ->
                    assertThat(step.get("servedBy").asText()).isEqualTo("openai:gpt-4o-mini"));
            assertThat(rig.simulator.requestCount(ServerRig.QWEN_72B.toString())).isZero();
            assertThat(rig.simulator.requestCount(ServerRig.QWEN_7B.toString())).isZero();
            assertThat(rig.simulator.requestCount(ServerRig.GPT.toString())).isPositive();
        }
    }

    @Test
    void aRunOnTemporalIsPricedAsOnTheEmbeddedEngine() {
        try (ServerRig rig = ServerRig.start(options -> options.temporal(TEMPORAL.client()).config(ServerCostTest::withPrices))) {
            String id = rig.startRun(QUESTION);

            List<JsonNode> events = rig.allEvents(id).stream().map(Received::data).toList();
            JsonNode detail = rig.awaitStatus(id, "completed");

            BigDecimal run = ServerCostTest.assertEventCosts(events, ServerCostTest.prices());
            assertThat(run).isPositive();
            ServerCostTest.assertReportsCost(detail, events, run);
        }
    }

    @Test
    void aRunOnTemporalIsHeldToItsCostBudgetAtThePricesItIsShownAtNotTheWorkersOwn() {
        BigDecimal budget = new BigDecimal("1.00");
        try (ServerRig rig = ServerRig.start(options -> options.temporal(TEMPORAL.client())
                .config(config -> ServerCostTest.withPrices(config).withWorkflow(ServerRig.withCostBudget(config, "1.00").workflow()))
                .worker(config -> config.withPricing(aHundredThousandfold(ServerCostTest.prices()))))) {
            String id = rig.startRun(QUESTION);

            List<JsonNode> events = rig.allEvents(id).stream().map(Received::data).toList();
            JsonNode detail = rig.awaitStatus(id, "completed");

            assertThat(detail.at("/report/json/complete").asBoolean()).as("at the worker's prices every worst case exceeds"
                    + " the budget; at the run's, none does").isTrue();
            BigDecimal run = ServerCostTest.assertEventCosts(events, ServerCostTest.prices());
            assertThat(run).isPositive().isLessThan(budget);
            ServerCostTest.assertReportsCost(detail, events, run);
        }
    }

    private static Pricing aHundredThousandfold(Pricing pricing) {
        Map<ModelRef, Price> prices = new LinkedHashMap<>();
        pricing.prices().forEach((model, price) -> prices.put(model, new Price(
                price.inputPerMillion().scaleByPowerOfTen(5), price.outputPerMillion().scaleByPowerOfTen(5))));
        return new Pricing(prices);
    }

    @Test
    void aRunARequestStartsIsAChildOfTheSpanItsTraceparentNamesOnEitherEngine() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        for (boolean onTemporal : new boolean[] {true, false}) {
            InMemorySpanExporter spans =
                    InMemorySpanExporter.create();
            try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                    .build();
                    ServerRig rig = ServerRig.start(options -> {
                        options.openTelemetry(sdk);
                        if (onTemporal) {
                            options.temporal(TEMPORAL.client());
                        }
                    })) {
                HttpResponse<String> started = rig.post("/v1/runs", "{\"question\": \"" + QUESTION + "\"}",
                        "traceparent", "00-" + traceId + "-" + callerSpan + "-01");
                String id = ServerRig.json(started).get("id").asText();
                rig.awaitStatus(id, "completed");

                assertThat(spans.getFinishedSpanItems()).filteredOn(span -> span.getName().equals("detour.run research"))
                        .as(onTemporal ? "on Temporal" : "embedded").singleElement().satisfies(run -> {
                            assertThat(run.getTraceId()).isEqualTo(traceId);
                            assertThat(run.getParentSpanId()).isEqualTo(callerSpan);
                        });
            }
        }
    }

    @Test
    void theConfiguredCostBudgetReachesTheWorkersOfARunOnTemporal() {
        try (ServerRig rig = ServerRig.start(options -> options.temporal(TEMPORAL.client())
                .config(config -> ServerRig.withCostBudget(config, "0.000001")))) {
            String id = rig.startRun(QUESTION);

            rig.awaitStatus(id, "budget_exhausted");

            assertThat(rig.simulator.requestCount()).as("no model whose worst case exceeds the cost budget is started").isZero();
        }
    }

    @Test
    void cancelReachesTheCallInFlightOnTheWorkerAndTheRunEndsCancelledNotResumable() {
        try (ServerRig rig = ServerRig.start(options -> options.temporal(TEMPORAL.client())
                .scenario(ServerRig.outage(Duration.ofSeconds(60))))) {
            String id = rig.startRun(QUESTION);
            rig.awaitRun(id, detail -> detail.get("modelCalls").asInt() > 0);

            HttpResponse<String> cancelled = rig.post("/v1/runs/" + id + "/cancel", "");
            assertThat(cancelled.statusCode()).isEqualTo(202);

            JsonNode detail = rig.awaitStatus(id, "cancelled");
            assertThat(detail.get("resumable").asBoolean()).isFalse();
            assertThat(rig.allEvents(id).get(rig.allEvents(id).size() - 1).data().get("status").asText()).isEqualTo("CANCELLED");
            HttpResponse<String> resumed = rig.post("/v1/runs/" + id + "/resume", "");
            assertThat(resumed.statusCode()).isEqualTo(409);
            assertThat(ServerRig.json(resumed).at("/error/message").asText()).contains("runs on Temporal");
        }
    }

    @Test
    void serveRefusesToStartOnTemporalWhenNoFrontendAnswersAndSaysWhatToDo(@TempDir Path directory) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path config = Files.writeString(directory.resolve("detour.yaml"), """
                providers:
                  hf: { type: huggingface, base-url: "http://127.0.0.1:9" }
                chain: [ "hf:Qwen/Qwen2.5-7B-Instruct" ]
                store: none
                temporal: { target: "127.0.0.1:%d" }
                """.formatted(closedPort), StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ServeFixtures.detour(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HF_TOKEN", ServerRig.HF_KEY), directory,
                "serve", "--engine", "temporal", "--port", "0", "--config", config.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no Temporal frontend answers at 127.0.0.1:" + closedPort)
                .contains("temporal server start-dev");
    }

    @Test
    void serveDemoStaysOnTheEmbeddedEngine(@TempDir Path directory) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ServeFixtures.detour(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), directory, "serve", "--demo", "--engine", "temporal");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--demo runs on the embedded engine");
    }
}
