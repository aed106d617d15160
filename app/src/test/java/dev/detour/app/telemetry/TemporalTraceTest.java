package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.SourceConfig;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.testing.ScriptedSources;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepRecord;
import dev.detour.engine.temporal.TemporalConnection;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalWorker;
import dev.detour.engine.temporal.WorkerModels;
import dev.detour.engine.temporal.WorkflowCatalog;
import dev.detour.simulator.Scenario;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A grounded research run on Temporal during the hf-outage, as an operator's tracing backend sees it: the same span
 * tree as on the embedded engine, under the span of the embedder that started the run, each span once; a replay of
 * the run's history, as a worker that lost the run from its cache makes, adds no span.
 */
class TemporalTraceTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final String QUEUE = "traced-research";

    private static TestWorkflowEnvironment temporal;
    private static Worker replayer;
    private static TelemetryRig rig;
    private static RunResult<ResearchOutcome> result;
    private static SpanData embedderSpan;
    private static List<SpanData> spans;

    @BeforeAll
    static void researchOnTemporalDuringTheOutage() throws Exception {
        rig = TelemetryRig.start(Scenario.builtIn("hf-outage"), config -> config.withEvidence(Map.of(
                "pubmed", SourceConfig.of("pubmed", "pubmed", URI.create("https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"))),
                GroundingSettings.of(List.of("pubmed"))));
        temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(TemporalConnection.clientOptions("default"))
                .build());
        Telemetry telemetry = rig.get(Telemetry.class);
        TemporalWorker.register(temporal.newWorker(QUEUE), rig.get(WorkerModels.class),
                ScriptedSources.of("pubmed").byDefault("pubmed", ScriptedSources.echo("pubmed")),
                rig.get(WorkflowCatalog.class), List.of(), telemetry.runTracing());
        replayer = temporal.newWorker(QUEUE + "-replay");
        TemporalWorker.register(replayer, rig.get(WorkerModels.class), ScriptedSources.of("pubmed"),
                rig.get(WorkflowCatalog.class), List.of(), telemetry.runTracing());
        temporal.start();
        ResearchSettings grounded = ResearchSettings.defaults().withParallelism(1)
                .withGrounding(GroundingSettings.of(List.of("pubmed")));
        Span request = rig.sdk.getTracer("embedder").spanBuilder("embedder request").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            result = TemporalRuns.on(temporal.getWorkflowClient(), QUEUE)
                    .<ResearchOutcome>start(ResearchWorkflow.NAME, QUESTION, Optional.of(grounded), List.of(),
                            telemetry.currentTraceContext(), RunOptions.defaults())
                    .await(Duration.ofMinutes(1)).orElseThrow();
        } finally {
            request.end();
        }
        spans = rig.finishedSpans();
        embedderSpan = only("embedder request");
    }

    @AfterAll
    static void close() {
        temporal.close();
        rig.close();
    }

    @Test
    void theRunIsAChildOfTheEmbeddersSpanAndEachStepOnceAChildOfTheRun() {
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        SpanData runSpan = only("detour.run research");
        assertThat(runSpan.getParentSpanId()).isEqualTo(embedderSpan.getSpanId());
        assertThat(runSpan.getTraceId()).isEqualTo(embedderSpan.getTraceId());
        assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("detour.run_id"))).isEqualTo(result.record().runId());
        assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("detour.status"))).isEqualTo("COMPLETED");
        List<SpanData> steps = spans.stream().filter(span -> span.getName().startsWith("detour.step ")).toList();
        assertThat(steps).extracting(SpanData::getName).containsExactlyInAnyOrderElementsOf(
                result.record().steps().stream().map(step -> "detour.step " + step.path()).toList());
        assertThat(steps).extracting(SpanData::getName)
                .contains("detour.step plan", "detour.step investigate[0]/search", "detour.step synthesize");
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.getParentSpanId()).isEqualTo(runSpan.getSpanId());
            assertThat(step.getTraceId()).isEqualTo(runSpan.getTraceId());
            assertThat(step.getStartEpochNanos()).isGreaterThanOrEqualTo(runSpan.getStartEpochNanos());
            assertThat(step.getEndEpochNanos()).isLessThanOrEqualTo(runSpan.getEndEpochNanos());
        });
    }

    @Test
    void everyChainCallIsUnderTheStepThatMadeItWithItsAttemptsUnderIt() {
        Map<String, String> stepOfSpan = spans.stream().filter(span -> span.getName().startsWith("detour.step "))
                .collect(Collectors.toMap(SpanData::getSpanId, span -> span.getName().substring("detour.step ".length())));
        List<SpanData> chains = spans.stream().filter(span -> span.getName().equals("detour.chain")).toList();
        List<String> callingSteps = result.record().steps().stream()
                .filter(step -> step.attempts().stream().anyMatch(attempt -> !attempt.isSearch()))
                .map(StepRecord::path).toList();
        assertThat(chains).extracting(chain -> stepOfSpan.get(chain.getParentSpanId()))
                .containsExactlyInAnyOrderElementsOf(callingSteps);
        Set<String> chainIds = chains.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        assertThat(spans).filteredOn(span -> span.getName().startsWith("chat "))
                .isNotEmpty()
                .allSatisfy(attempt -> {
                    assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
                    assertThat(chainIds).contains(attempt.getParentSpanId());
                    assertThat(attempt.getTraceId()).isEqualTo(embedderSpan.getTraceId());
                });

        SpanData plan = only("detour.step plan");
        SpanData chain = childrenOf(plan).stream().filter(span -> span.getName().equals("detour.chain")).findFirst().orElseThrow();
        assertThat(chain.getAttributes().get(AttributeKey.stringKey("detour.served_by"))).isEqualTo("hf:Qwen/Qwen2.5-7B-Instruct");
        assertThat(chain.getAttributes().get(AttributeKey.stringArrayKey("detour.fallback_from")))
                .containsExactly("hf:Qwen/Qwen2.5-72B-Instruct");
        List<SpanData> attempts = childrenOf(chain);
        assertThat(attempts).extracting(SpanData::getName).containsExactly("chat Qwen/Qwen2.5-72B-Instruct",
                "chat Qwen/Qwen2.5-72B-Instruct", "chat Qwen/Qwen2.5-72B-Instruct", "chat Qwen/Qwen2.5-7B-Instruct");
        assertThat(attempts.subList(0, 3)).allSatisfy(attempt -> {
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("ProviderUnavailable");
            assertThat(attempt.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500);
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("detour.inference_provider"))).isEqualTo("novita");
            assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        });
        assertThat(attempts.get(3).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void eachSearchIsARetrievalSpanUnderTheStepThatSearched() {
        List<SpanData> searchSteps = spans.stream().filter(span -> span.getName().endsWith("/search")).toList();
        assertThat(searchSteps).isNotEmpty().allSatisfy(step -> assertThat(childrenOf(step))
                .singleElement().satisfies(search -> {
                    assertThat(search.getName()).isEqualTo("retrieval pubmed");
                    assertThat(search.getKind()).isEqualTo(SpanKind.CLIENT);
                    assertThat(search.getAttributes().get(AttributeKey.stringKey("server.address")))
                            .isEqualTo("eutils.ncbi.nlm.nih.gov");
                    assertThat(search.getAttributes().get(AttributeKey.longKey("detour.hits"))).isPositive();
                }));
        assertThat(spans).filteredOn(span -> span.getName().startsWith("retrieval ")).hasSameSizeAs(searchSteps);
    }

    @Test
    void aReplayOfTheRunsHistoryOnAnotherWorkerAddsNoSpan() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(temporal.getWorkflowClient().fetchHistory(result.record().runId()), replayer);

        assertThat(rig.finishedSpans()).hasSameSizeAs(spans);
    }

    @Test
    void noAttributeOfAnySpanOrEventHoldsThePromptTheAnswerOrAKey() {
        List<String> secrets = SpanTree.secrets(QUESTION, ResearchReport.of(QUESTION, result).markdown());
        assertThat(secrets).hasSizeGreaterThan(5);
        List<String> values = SpanTree.everyValue(spans);
        assertThat(values).hasSizeGreaterThan(100);
        SpanTree.assertNoneHolds(values, secrets);
    }

    private static SpanData only(String name) {
        return SpanTree.only(spans, name);
    }

    private static List<SpanData> childrenOf(SpanData parent) {
        return SpanTree.childrenOf(spans, parent);
    }
}
