package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.app.cli.ServeFixtures;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.ServerConfig;
import dev.detour.app.server.ServerRig.Received;
import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ModelRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Costs through {@code detour serve} over real HTTP, as the CLI shows them: every model attempt's event costs its
 * reported prompt and answer tokens at the model's price, each step and the run the exact sum of theirs, and the
 * JSON and Markdown reports, the run's detail and the run list agree; an unpriced model makes them "unknown".
 */
class ServerCostTest {

    static final Price QWEN_72B_PRICE = new Price(new BigDecimal("0.90"), new BigDecimal("0.90"));
    static final Price QWEN_7B_PRICE = new Price(new BigDecimal("0.15"), new BigDecimal("0.60"));
    static final Price GPT_PRICE = new Price(new BigDecimal("1.10"), new BigDecimal("4.40"));
    private static final Set<String> MODEL_ATTEMPTS = Set.of("AttemptSucceeded", "AttemptFailed", "AttemptSkipped");

    @Test
    void aPricedChainsRunHasTheExactCostOfEveryAttemptStepAndTheRunInItsEventsAndReports() throws IOException {
        try (ServerRig rig = ServerRig.start(options -> options.config(ServerCostTest::withPrices))) {
            String id = rig.startRun("Why is the sea salty?");

            List<JsonNode> events = rig.allEvents(id).stream().map(Received::data).toList();
            JsonNode detail = rig.awaitStatus(id, "completed");

            BigDecimal run = assertEventCosts(events, prices());
            assertThat(run).isPositive();
            assertThat(events).filteredOn(event -> event.get("type").asText().equals("AttemptFailed"))
                    .isNotEmpty().allSatisfy(failed -> assertThat(failed.get("cost").asText()).isEqualTo("0"));
            assertReportsCost(detail, events, run);
            assertThat(listed(rig, id).get("cost").asText()).isEqualTo(plain(run));

            try (ServerRig restarted = ServerRig.start(options -> options.store(rig.storeFile)
                    .config(ServerCostTest::withPrices))) {
                JsonNode stored = ServerRig.json(restarted.get("/v1/runs/" + id));
                assertThat(stored.get("live").asBoolean()).isFalse();
                assertThat(stored.get("cost").asText()).isEqualTo(plain(run));
                assertThat(stored.at("/report/json/cost").asText()).isEqualTo(plain(run));
                assertThat(stored.at("/report/markdown").asText()).contains("cost " + shown(run) + "._");
                assertThat(listed(restarted, id).get("cost").asText()).isEqualTo(plain(run));
                assertThat(cliListing(rig.storeFile, id).get("cost").asText()).as("detour runs on the server's store")
                        .isEqualTo(plain(run));
                long beforeTheEnd = events.get(events.size() - 2).get("sequence").asLong();
                assertThat(restarted.events(id, beforeTheEnd, 1)).singleElement().satisfies(end -> {
                    assertThat(end.event()).isEqualTo("RunCompleted");
                    assertThat(end.data().get("cost").asText()).as("a replay after Last-Event-ID still sums the whole run")
                            .isEqualTo(plain(run));
                });
            }
        }
    }

    @Test
    void aRunResumedThroughTheServerIsPricedAsTheCliPricesAResumedRun() {
        try (ServerRig slow = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofSeconds(30)))
                .config(ServerCostTest::withPrices))) {
            String id = slow.startRun("Why is the sea salty?");
            slow.awaitRun(id, detail -> detail.get("modelCalls").asInt() > 0);
            slow.post("/v1/runs/" + id + "/cancel", "");
            slow.awaitStatus(id, "cancelled");

            try (ServerRig rig = ServerRig.start(options -> options.store(slow.storeFile).config(ServerCostTest::withPrices))) {
                assertThat(rig.post("/v1/runs/" + id + "/resume", "").statusCode()).isEqualTo(202);
                JsonNode detail = rig.awaitStatus(id, "completed");
                List<JsonNode> events = rig.allEvents(id).stream().map(Received::data).toList();

                List<JsonNode> resumed = events.subList(events.stream().map(event -> event.get("type").asText()).toList()
                        .indexOf("RunResumed"), events.size());
                BigDecimal run = assertEventCosts(resumed, prices());
                assertThat(run).isPositive();
                assertReportsCost(detail, resumed, run);
                assertThat(events.stream().filter(event -> event.get("type").asText().equals("RunFailed")).findFirst()
                        .orElseThrow().get("cost").asText()).as("before the resumption only failed calls, which reported no tokens")
                        .isEqualTo("0");
            }
        }
    }

    @Test
    void aRunStoppedAfterAPaidStepAndResumedCostsWhatTheSameRunCostsUninterrupted() {
        try (ServerRig rig = ServerRig.start(options -> options.config(ServerCostTest::withPrices))) {
            String whole = rig.startRun("Why is the sea salty?");
            BigDecimal cost = assertEventCosts(rig.allEvents(whole).stream().map(Received::data).toList(), prices());
            JsonNode uninterrupted = rig.awaitStatus(whole, "completed");
            long planTokens = uninterrupted.get("steps").get(0).get("tokens").asLong();
            var started = rig.post("/v1/runs", "{\"question\": \"Why is the sea salty?\", \"tokenBudget\": " + (planTokens + 1) + "}");
            String id = ServerRig.json(started).get("id").asText();
            JsonNode stopped = rig.awaitStatus(id, "completed");
            assertThat(stopped.at("/report/json/complete").asBoolean()).as("the budget ran out").isFalse();
            assertThat(new BigDecimal(stopped.get("cost").asText())).as("the plan was paid for").isPositive().isLessThan(cost);

            try (ServerRig resuming = ServerRig.start(options -> options.store(rig.storeFile).config(ServerCostTest::withPrices))) {
                assertThat(resuming.post("/v1/runs/" + id + "/resume", "{\"tokenBudget\": 50000}").statusCode()).isEqualTo(202);
                JsonNode detail = resuming.awaitRun(id, run -> run.at("/report/json/complete").asBoolean());
                List<JsonNode> events = resuming.allEvents(id).stream().map(Received::data).toList();

                assertThat(detail.get("tokens").asLong()).isEqualTo(uninterrupted.get("tokens").asLong());
                assertThat(events.getLast().get("type").asText()).isEqualTo("RunCompleted");
                assertThat(events.getLast().at("/tokens/total").asLong()).isEqualTo(uninterrupted.get("tokens").asLong());
                assertThat(events.getLast().get("cost").asText()).as("the run's end event prices the whole run, as its"
                        + " tokens count it").isEqualTo(plain(cost));
                assertThat(detail.get("cost").asText()).isEqualTo(plain(cost));
                assertThat(detail.at("/report/json/cost").asText()).isEqualTo(plain(cost));
                assertThat(detail.at("/report/markdown").asText()).contains("cost " + shown(cost) + "._");
                assertThat(listed(resuming, id).get("cost").asText()).isEqualTo(plain(cost));
            }
            try (ServerRig restarted = ServerRig.start(options -> options.store(rig.storeFile).config(ServerCostTest::withPrices))) {
                assertThat(ServerRig.json(restarted.get("/v1/runs/" + id)).get("cost").asText()).isEqualTo(plain(cost));
                assertThat(listed(restarted, id).get("cost").asText()).isEqualTo(plain(cost));
                assertThat(restarted.allEvents(id).getLast().data().get("cost").asText()).as("a replay of the stored events")
                        .isEqualTo(plain(cost));
            }
        }
    }

    @Test
    void anUnpricedModelMakesTheCostUnknownNeverZero() {
        try (ServerRig rig = ServerRig.start(options -> options.config(config ->
                config.withPricing(new Pricing(Map.of(ServerRig.QWEN_72B, QWEN_72B_PRICE)))))) {
            String id = rig.startRun("Why is the sea salty?");

            List<JsonNode> events = rig.allEvents(id).stream().map(Received::data).toList();
            JsonNode detail = rig.awaitStatus(id, "completed");

            assertThat(events).filteredOn(event -> event.get("type").asText().equals("AttemptSucceeded")).isNotEmpty()
                    .allSatisfy(answered -> assertThat(answered.get("cost").asText()).isEqualTo("unknown"));
            assertThat(events).filteredOn(event -> event.get("type").asText().equals("StepCompleted")).isNotEmpty()
                    .allSatisfy(step -> assertThat(step.get("cost").asText()).isEqualTo("unknown"));
            assertThat(events.getLast().get("cost").asText()).isEqualTo("unknown");
            assertThat(detail.get("cost").asText()).isEqualTo("unknown");
            assertThat(detail.get("steps")).allSatisfy(step -> assertThat(step.get("cost").asText()).isEqualTo("unknown"));
            assertThat(detail.at("/report/json/cost").asText()).isEqualTo("unknown");
            assertThat(detail.at("/report/markdown").asText()).contains("cost unknown._").doesNotContain("$0.0");
            assertThat(listed(rig, id).get("cost").asText()).isEqualTo("unknown");
        }
    }

    @Test
    void withoutPricesNothingHasACost() {
        try (ServerRig rig = ServerRig.start()) {
            String id = rig.startRun("Why is the sea salty?");

            List<JsonNode> events = rig.allEvents(id).stream().map(Received::data).toList();
            JsonNode detail = rig.awaitStatus(id, "completed");

            assertThat(events).noneSatisfy(event -> assertThat(event.has("cost")).isTrue());
            assertThat(detail.has("cost")).isFalse();
            assertThat(detail.at("/report/json").has("cost")).isFalse();
            assertThat(listed(rig, id).has("cost")).isFalse();
        }
    }

    @Test
    void manyConcurrentRunsThroughOneServerEachGetTheirOwnExactCost() throws Exception {
        int runs = 24;
        try (ServerRig rig = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofMillis(20)))
                .server(new ServerConfig(runs, List.of(), Duration.ofMillis(100)))
                .config(ServerCostTest::withPrices))) {
            Pricing pricing = prices();
            String[] chains = {"[\"openai:gpt-4o-mini\"]", "[\"hf:Qwen/Qwen2.5-7B-Instruct\"]",
                    "[\"hf:Qwen/Qwen2.5-72B-Instruct\", \"openai:gpt-4o-mini\"]"};
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String body = "{\"question\": \"Question number " + i + " about tides?\", \"chain\": " + chains[i % chains.length]
                        + ", \"maxIterations\": " + (1 + i % 2) + "}";
                var started = rig.post("/v1/runs", body);
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                ids.add(ServerRig.json(started).get("id").asText());
            }
            Map<String, BigDecimal> costs = new ConcurrentHashMap<>();
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> reading = new ArrayList<>();
                for (String id : ids) {
                    reading.add(readers.submit(() -> {
                        List<JsonNode> events = rig.allEvents(id).stream().map(Received::data).toList();
                        assertThat(events).allSatisfy(event -> assertThat(event.get("runId").asText()).isEqualTo(id));
                        BigDecimal run = assertEventCosts(events, pricing);
                        assertReportsCost(rig.awaitStatus(id, "completed"), events, run);
                        costs.put(id, run);
                    }));
                }
                for (Future<?> read : reading) {
                    read.get();
                }
            }
            assertThat(costs).hasSize(runs);
            assertThat(Set.copyOf(costs.values())).as("the runs' chains and rounds differ, and so do their costs").hasSizeGreaterThan(2);
            JsonNode listing = ServerRig.json(rig.get("/v1/runs?limit=" + runs));
            assertThat(listing.get("runs")).hasSize(runs).allSatisfy(run -> assertThat(run.get("cost").asText())
                    .isEqualTo(plain(costs.get(run.get("id").asText()))));
        }
    }

    /** Every model of the rig priced, the answering ones differently. */
    static Pricing prices() {
        Map<ModelRef, Price> prices = new LinkedHashMap<>();
        prices.put(ServerRig.QWEN_72B, QWEN_72B_PRICE);
        prices.put(ServerRig.QWEN_7B, QWEN_7B_PRICE);
        prices.put(ServerRig.GPT, GPT_PRICE);
        return new Pricing(prices);
    }

    static DetourConfig withPrices(DetourConfig config) {
        return config.withPricing(prices());
    }

    /**
     * Checks each model attempt's cost against its reported tokens at its model's price, each ended step's against the
     * sum of its attempts', and the run's final event against the sum of them all; that sum.
     */
    static BigDecimal assertEventCosts(List<JsonNode> events, Pricing pricing) {
        Map<String, BigDecimal> steps = new LinkedHashMap<>();
        BigDecimal run = BigDecimal.ZERO;
        int answered = 0;
        for (JsonNode event : events) {
            String type = event.get("type").asText();
            if (MODEL_ATTEMPTS.contains(type)) {
                BigDecimal expected = BigDecimal.ZERO;
                if (event.has("tokens")) {
                    Price price = pricing.price(ModelRef.parse(event.get("model").asText())).orElseThrow();
                    expected = price.costOf(event.at("/tokens/prompt").asLong(), event.at("/tokens/completion").asLong());
                }
                if (type.equals("AttemptSucceeded")) {
                    answered++;
                    assertThat(event.at("/tokens/completion").asLong()).isPositive();
                }
                assertThat(event.get("cost").asText()).as(event.toString()).isEqualTo(plain(expected));
                steps.merge(event.get("step").asText(), expected, BigDecimal::add);
                run = run.add(expected);
            } else if (type.equals("StepCompleted") || type.equals("StepFailed")) {
                assertThat(event.get("cost").asText()).as(event.toString())
                        .isEqualTo(plain(steps.getOrDefault(event.get("step").asText(), BigDecimal.ZERO)));
            }
        }
        assertThat(answered).isPositive();
        assertThat(events.getLast().get("type").asText()).isEqualTo("RunCompleted");
        assertThat(events.getLast().get("cost").asText()).isEqualTo(plain(run));
        return run;
    }

    /** The run's detail, its steps, and its JSON and Markdown reports all say the run cost {@code run}. */
    static void assertReportsCost(JsonNode detail, List<JsonNode> events, BigDecimal run) {
        assertThat(detail.get("cost").asText()).isEqualTo(plain(run));
        assertThat(detail.at("/report/json/cost").asText()).isEqualTo(plain(run));
        assertThat(detail.at("/report/markdown").asText()).contains("cost " + shown(run) + "._");
        Map<String, String> stepCosts = new LinkedHashMap<>();
        events.stream().filter(event -> event.get("type").asText().equals("StepCompleted"))
                .forEach(step -> stepCosts.put(step.get("step").asText(), step.get("cost").asText()));
        assertThat(detail.get("steps")).hasSize(stepCosts.size()).allSatisfy(step ->
                assertThat(step.get("cost").asText()).isEqualTo(stepCosts.get(step.get("path").asText())));
        assertThat(detail.at("/report/json/steps")).allSatisfy(step ->
                assertThat(step.get("cost").asText()).isEqualTo(stepCosts.get(step.get("path").asText())));
    }

    /** What {@code detour runs --format json} lists for run {@code id} of the store {@code file}, at the same prices. */
    private static JsonNode cliListing(Path file, String id) throws IOException {
        Path config = Files.createTempFile(file.getParent(), "detour", ".yaml");
        StringBuilder yaml = new StringBuilder("store: { path: \"" + file + "\" }\npricing:\n");
        prices().prices().forEach((model, price) -> yaml.append("  \"").append(model).append("\": { input-per-million: ")
                .append(price.inputPerMillion().toPlainString()).append(", output-per-million: ")
                .append(price.outputPerMillion().toPlainString()).append(" }\n"));
        Files.writeString(config, yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ServeFixtures.detour(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("DETOUR_HOME", file.getParent().toString()),
                file.getParent(), "runs", "--format", "json", "--config", config.toString());
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        for (JsonNode run : new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8))) {
            if (run.get("runId").asText().equals(id)) {
                return run;
            }
        }
        throw new AssertionError("detour runs does not list run " + id + ": " + out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode listed(ServerRig rig, String id) {
        for (JsonNode run : ServerRig.json(rig.get("/v1/runs?limit=50")).get("runs")) {
            if (run.get("id").asText().equals(id)) {
                return run;
            }
        }
        throw new AssertionError("run " + id + " is not listed");
    }

    /** Exact dollars as the JSON outputs write them. */
    static String plain(BigDecimal dollars) {
        return dollars.signum() == 0 ? "0" : dollars.stripTrailingZeros().toPlainString();
    }

    /** Dollars as the Markdown report shows them. */
    private static String shown(BigDecimal dollars) {
        return "$" + dollars.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
