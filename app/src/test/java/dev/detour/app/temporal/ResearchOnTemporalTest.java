package dev.detour.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelPort;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepRecord;
import dev.detour.engine.temporal.TemporalRun;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalWorker;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.RecordedRequest;
import dev.detour.simulator.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The research workflow on Temporal's in-memory test server (time skipping), its model calls made on the
 * worker through the app's resilience chain against the provider simulator: the same report, provenance
 * and attempts as the embedded engine, and a provider's wait of minutes slept as a workflow timer.
 */
class ResearchOnTemporalTest {

    private static final String QUESTION = "Why do tides happen twice a day?";

    @RegisterExtension
    static final InMemoryTemporal TEMPORAL = new InMemoryTemporal();

    @Test
    void theIncidentOnTemporalShowsTheSameAttemptsReportAndProvenanceAsOnTheEmbeddedEngine() throws Exception {
        Scenario incident = Scenario.builtIn("hf-outage");
        RunOptions options = RunOptions.defaults().withRunId("incident-" + UUID.randomUUID());
        ResearchRun embedded;
        List<RecordedRequest> embeddedRequests;
        try (ProviderSimulator simulator = ProviderSimulator.start(incident);
                SimulatedDetour detour = SimulatedDetour.on(simulator, Duration.ofSeconds(5))) {
            embedded = detour.research().run(QUESTION, options);
            embeddedRequests = simulator.requests();
        }

        try (ProviderSimulator simulator = ProviderSimulator.start(incident);
                SimulatedDetour detour = SimulatedDetour.on(simulator, Duration.ofSeconds(5));
                TemporalWorker worker = worker(detour.models(), detour)) {
            RunResult<ResearchOutcome> onTemporal = start(worker, detour, options).await(Duration.ofMinutes(1)).orElseThrow();

            assertThat(onTemporal.status()).isEqualTo(RunStatus.COMPLETED).isEqualTo(embedded.result().status());
            assertThat(ledger(onTemporal.record().attempts())).isEqualTo(ledger(embedded.result().record().attempts()))
                    .contains("hf:Qwen/Qwen2.5-72B-Instruct try 1 FAILED HTTP 500 from novita",
                            "hf:Qwen/Qwen2.5-72B-Instruct try 1 SKIPPED circuit open",
                            "hf:Qwen/Qwen2.5-7B-Instruct try 1 SUCCEEDED ok");
            assertThat(onTemporal.record().steps()).extracting(StepRecord::path)
                    .containsExactlyElementsOf(embedded.result().record().steps().stream().map(StepRecord::path).toList());
            assertThat(withoutTimes(ResearchReport.of(QUESTION, onTemporal).markdown()))
                    .isEqualTo(withoutTimes(embedded.report().markdown()))
                    .contains("fell back from `hf:Qwen/Qwen2.5-72B-Instruct` (HTTP 500 from novita");
            assertThat(countsByModel(simulator.requests())).isEqualTo(countsByModel(embeddedRequests));
        }
    }

    @Test
    void aRetryAfterOfMinutesIsAWorkflowTimerThatPassesInSkippedTime() throws Exception {
        Scenario rateLimited = Scenario.builder("retry-after-three-minutes")
                .model("hf:Qwen/Qwen2.5-72B-Instruct", model -> model.servedBy("novita").sequence(
                        Behaviour.status(429, "{\"error\":\"Rate limit reached, retry in 3 minutes\"}")
                                .withHeader("Retry-After", "180"),
                        Behaviour.ok()))
                .build();
        try (ProviderSimulator simulator = ProviderSimulator.start(rateLimited);
                SimulatedDetour detour = SimulatedDetour.on(simulator, Duration.ofMinutes(10));
                TemporalWorker worker = worker(detour.models(), detour)) {
            RunResult<ResearchOutcome> result = start(worker, detour, RunOptions.defaults())
                    .await(Duration.ofMinutes(1)).orElseThrow(() -> new AssertionError("three minutes were slept out"));

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            StepRecord plan = result.record().step("plan").orElseThrow();
            assertThat(ledger(plan.attempts())).containsExactly(
                    "hf:Qwen/Qwen2.5-72B-Instruct try 1 FAILED HTTP 429 from novita",
                    "hf:Qwen/Qwen2.5-72B-Instruct try 2 SUCCEEDED ok");
            assertThat(plan.duration()).as("in workflow time, the plan waited the provider's three minutes")
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(3));
            assertThat(simulator.requestsFor("hf:Qwen/Qwen2.5-72B-Instruct")).hasSize(result.record().modelCalls() + 1);
        }
    }

    private static TemporalWorker worker(ModelPort models, SimulatedDetour detour) {
        return worker("research-" + UUID.randomUUID(), models, detour);
    }

    private static TemporalWorker worker(String taskQueue, ModelPort models, SimulatedDetour detour) {
        return TemporalWorker.start(TEMPORAL.client(), taskQueue, models, detour.catalog(), List.of());
    }

    private static TemporalRun<ResearchOutcome> start(TemporalWorker worker, SimulatedDetour detour, RunOptions options) {
        return TemporalRuns.on(TEMPORAL.client(), worker.taskQueue())
                .start(ResearchWorkflow.NAME, QUESTION, Optional.of(detour.research().settings()), options);
    }

    /** Each attempt as model, try, outcome and cause: what must match between engines (not when, not how long). */
    static List<String> ledger(List<Attempt> attempts) {
        return attempts.stream()
                .map(attempt -> attempt.model() + " try " + (attempt.retry() + 1) + " " + attempt.outcome() + " "
                        + attempt.shortReason())
                .toList();
    }

    private static java.util.Map<String, Long> countsByModel(List<RecordedRequest> requests) {
        return requests.stream().collect(Collectors.groupingBy(RecordedRequest::model, Collectors.counting()));
    }

    private static String withoutTimes(String markdown) {
        return markdown.replaceAll("\\| [0-9.]+ (ms|s|min) \\|", "| (duration) |")
                .replaceAll("tried again in [0-9.]+ ?(ms|s|min)", "tried again in (wait)");
    }
}
