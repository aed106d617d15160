package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.app.config.ServerConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v1/runs} over real HTTP against the provider simulator: start, read, list, cancel, resume, and every refusal. */
class RunsApiTest {

    private static final String QUESTION = "Why do tides happen twice a day?";

    @Test
    void startsARunAndServesItsReportOnceItEnds() {
        try (ServerRig rig = ServerRig.start()) {
            HttpResponse<String> started = rig.post("/v1/runs", "{\"question\": \"" + QUESTION + "\"}");

            assertThat(started.statusCode()).isEqualTo(202);
            JsonNode accepted = ServerRig.json(started);
            String id = accepted.get("id").asText();
            assertThat(accepted.get("status").asText()).isEqualTo("running");
            assertThat(accepted.at("/links/events").asText()).isEqualTo("/v1/runs/" + id + "/events");
            assertThat(started.headers().firstValue("Location")).contains("/v1/runs/" + id);

            JsonNode detail = rig.awaitStatus(id, "completed");
            assertThat(detail.get("question").asText()).isEqualTo(QUESTION);
            assertThat(detail.get("resumable").asBoolean()).isFalse();
            assertThat(detail.get("steps")).isNotEmpty();
            assertThat(detail.at("/steps/0/path").asText()).isEqualTo("plan");
            assertThat(detail.at("/steps/0/servedBy").asText()).isEqualTo("hf:Qwen/Qwen2.5-7B-Instruct via hf-inference");
            assertThat(detail.at("/report/markdown").asText()).startsWith("# " + QUESTION);
            assertThat(detail.at("/report/json/runId").asText()).isEqualTo(id);
            assertThat(detail.at("/report/json/status").asText()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aRunCanAskForItsOwnChainAndRefineRounds() {
        try (ServerRig rig = ServerRig.start()) {
            HttpResponse<String> started = rig.post("/v1/runs",
                    "{\"question\": \"q\", \"chain\": [\"openai:gpt-4o-mini\"], \"maxIterations\": 1, \"tokenBudget\": 90000}");
            String id = ServerRig.json(started).get("id").asText();

            JsonNode detail = rig.awaitStatus(id, "completed");

            assertThat(detail.at("/steps/0/servedBy").asText()).isEqualTo("openai:gpt-4o-mini");
            assertThat(rig.simulator.requestCount(ServerRig.QWEN_72B.toString())).isZero();
        }
    }

    @Test
    void aRunCanAskToSearchSomeOfTheServersSources() {
        try (ServerRig rig = ServerRig.start(options -> options.grounded())) {
            assertError(rig.post("/v1/runs", "{\"question\": \"q\", \"sources\": [\"pubmed\"]}"), 400,
                    "invalid_request", "sources[0]");
            HttpResponse<String> started = rig.post("/v1/runs", "{\"question\": \"Why do tides happen?\","
                    + " \"sources\": [\"clinicaltrials\"]}");
            assertThat(started.statusCode()).as(started.body()).isBetween(200, 202);

            rig.awaitStatus(ServerRig.json(started).get("id").asText(), "completed");

            assertThat(rig.simulator.requestCount("clinicaltrials")).isPositive();
            assertThat(rig.simulator.requestCount("europepmc")).isZero();
        }
    }

    @Test
    void aRunOnItsOwnChainKeepsTheConfiguredCostBudget() {
        try (ServerRig rig = ServerRig.start(options -> options.config(config -> ServerRig.withCostBudget(config, "0.000001")))) {
            HttpResponse<String> started = rig.post("/v1/runs", "{\"question\": \"q\", \"chain\": [\"openai:gpt-4o-mini\"]}");
            String id = ServerRig.json(started).get("id").asText();

            rig.awaitStatus(id, "budget_exhausted");

            assertThat(rig.simulator.requestCount()).as("no model whose worst case exceeds the cost budget is started").isZero();
        }
    }

    @Test
    void listsRunsNewestFirstFilteredByStatus() {
        try (ServerRig rig = ServerRig.start()) {
            String first = rig.startRun("first");
            rig.awaitStatus(first, "completed");
            String second = rig.startRun("second");
            rig.awaitStatus(second, "completed");

            JsonNode all = ServerRig.json(rig.get("/v1/runs"));
            JsonNode one = ServerRig.json(rig.get("/v1/runs?limit=1&status=completed"));
            JsonNode none = ServerRig.json(rig.get("/v1/runs?status=failed"));

            assertThat(all.get("runs")).extracting(run -> run.get("id").asText()).containsExactly(second, first);
            assertThat(all.at("/runs/0/question").asText()).isEqualTo("second");
            assertThat(one.get("runs")).extracting(run -> run.get("id").asText()).containsExactly(second);
            assertThat(none.get("runs")).isEmpty();
        }
    }

    @Test
    void refusesABadListingQueryNamingTheParameter() {
        try (ServerRig rig = ServerRig.start()) {
            assertError(rig.get("/v1/runs?limit=0"), 400, "invalid_request", "limit");
            assertError(rig.get("/v1/runs?limit=lots"), 400, "invalid_request", "limit");
            assertError(rig.get("/v1/runs?status=sleeping"), 400, "invalid_request", "status");
        }
    }

    @Test
    void refusesABadBodyNamingTheField() {
        try (ServerRig rig = ServerRig.start()) {
            assertThat(ServerRig.json(rig.post("/v1/runs", "not json")).at("/error/type").asText()).isEqualTo("invalid_json");
            assertThat(rig.post("/v1/runs", "[1]").statusCode()).isEqualTo(400);
            assertError(rig.post("/v1/runs", "{}"), 400, "invalid_request", "question");
            assertError(rig.post("/v1/runs", "{\"question\": \"  \"}"), 400, "invalid_request", "question");
            assertError(rig.post("/v1/runs", "{\"question\": \"q\", \"colour\": 1}"), 400, "invalid_request", "colour");
            assertError(rig.post("/v1/runs", "{\"question\": \"q\", \"chain\": [\"nowhere:model\"]}"), 400,
                    "invalid_request", "chain[0]");
            assertError(rig.post("/v1/runs", "{\"question\": \"q\", \"chain\": [\"no-colon\"]}"), 400,
                    "invalid_request", "chain[0]");
            assertError(rig.post("/v1/runs", "{\"question\": \"q\", \"sources\": [\"pubmed\"]}"), 400,
                    "invalid_request", "sources[0]");
            assertError(rig.post("/v1/runs", "{\"question\": \"q\", \"maxIterations\": 0}"), 400,
                    "invalid_request", "maxIterations");
            assertError(rig.post("/v1/runs", "{\"question\": \"q\", \"tokenBudget\": \"many\"}"), 400,
                    "invalid_request", "tokenBudget");
            assertThat(rig.get("/v1/runs").body()).contains("\"runs\":[]");
        }
    }

    @Test
    void answers404ForAnUnknownRunEverywhere() {
        try (ServerRig rig = ServerRig.start()) {
            assertError(rig.get("/v1/runs/nope"), 404, "not_found", null);
            assertError(rig.get("/v1/runs/nope/events"), 404, "not_found", null);
            assertError(rig.post("/v1/runs/nope/cancel", ""), 404, "not_found", null);
            assertError(rig.post("/v1/runs/nope/resume", ""), 404, "not_found", null);
            assertError(rig.get("/v1/nothing-here"), 404, "not_found", null);
        }
    }

    @Test
    void cancelsARunningRunWhichThenCanBeResumedToTheEnd() {
        try (ServerRig rig = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofSeconds(30))))) {
            String id = rig.startRun(QUESTION);
            rig.awaitRun(id, detail -> detail.get("modelCalls").asInt() > 0);

            HttpResponse<String> cancelled = rig.post("/v1/runs/" + id + "/cancel", "");
            assertThat(cancelled.statusCode()).isEqualTo(202);
            assertThat(ServerRig.json(cancelled).get("status").asText()).isEqualTo("cancelling");
            JsonNode detail = rig.awaitStatus(id, "cancelled");
            assertThat(detail.get("resumable").asBoolean()).isTrue();
            assertError(rig.post("/v1/runs/" + id + "/cancel", ""), 409, "conflict", null);
        }
    }

    @Test
    void resumesAStoredRunAndRefusesToResumeACompletedOrRunningOne() {
        try (ServerRig slow = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofSeconds(30))))) {
            String id = slow.startRun(QUESTION);
            slow.awaitRun(id, detail -> detail.get("modelCalls").asInt() > 0);
            assertError(slow.post("/v1/runs/" + id + "/resume", ""), 409, "conflict", null);
            slow.post("/v1/runs/" + id + "/cancel", "");
            slow.awaitStatus(id, "cancelled");

            try (ServerRig rig = ServerRig.start(options -> options.store(slow.storeFile))) {
                JsonNode stored = ServerRig.json(rig.get("/v1/runs/" + id));
                assertThat(stored.get("status").asText()).isEqualTo("cancelled");
                assertThat(stored.get("live").asBoolean()).isFalse();

                HttpResponse<String> resumed = rig.post("/v1/runs/" + id + "/resume", "{\"tokenBudget\": 80000}");

                assertThat(resumed.statusCode()).isEqualTo(202);
                rig.awaitStatus(id, "completed");
                List<ServerRig.Received> events = rig.allEvents(id);
                assertThat(events).extracting(ServerRig.Received::event).contains("RunStarted", "RunResumed", "RunCompleted");
                assertThat(events).extracting(ServerRig.Received::id)
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
                assertError(rig.post("/v1/runs/" + id + "/resume", ""), 409, "conflict", null);
                assertError(rig.post("/v1/runs/" + id + "/resume", "{\"question\": \"x\"}"), 400, "invalid_request", "question");
            }
        }
    }

    @Test
    void refusesARunBeyondTheConcurrencyLimitWithRetryAfter() {
        try (ServerRig rig = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofSeconds(30)))
                .server(new ServerConfig(1, List.of(), Duration.ofSeconds(1))))) {
            String running = rig.startRun("first");

            HttpResponse<String> refused = rig.post("/v1/runs", "{\"question\": \"second\"}");

            assertError(refused, 429, "too_many_runs", null);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(value ->
                    assertThat(Long.parseLong(value)).isPositive());
            rig.post("/v1/runs/" + running + "/cancel", "");
            rig.awaitStatus(running, "cancelled");
            assertThat(rig.post("/v1/runs", "{\"question\": \"third\"}").statusCode()).isEqualTo(202);
        }
    }

    static void assertError(HttpResponse<String> response, int status, String type, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(value ->
                assertThat(value).startsWith("application/json"));
        JsonNode error = ServerRig.json(response).get("error");
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).startsWith(field + ": ");
        }
    }
}
