package dev.detour.engine.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelPort;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.testing.CollectingListener;
import dev.detour.core.testing.ScriptedSources;
import dev.detour.core.workflow.RunStore;
import java.time.Clock;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.workflow.Step;
import dev.detour.core.workflow.StepContext;
import dev.detour.core.workflow.Workflow;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The research workflow on Temporal's in-memory test server, against the embedded engine: the same
 * record, events, report and attempt ledger. One test environment serves every test; each test has its
 * own task queue and worker.
 */
class TemporalEngineTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final ResearchSettings SETTINGS = ResearchSettings.defaults().withParallelism(1);
    private static final WorkflowCatalog CATALOG = WorkflowCatalog.empty()
            .with(ResearchWorkflow.NAME, ResearchSettings.class, ResearchSettings.defaults(), ResearchWorkflow::of);

    private static TestWorkflowEnvironment environment;

    @BeforeAll
    static void startTestServer() {
        environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(TemporalConnection.clientOptions("default"))
                .build());
    }

    @AfterAll
    static void stopTestServer() {
        environment.close();
    }

    @Test
    void aResearchRunOnTemporalHasTheEmbeddedEnginesRecordEventsAndReport() throws Exception {
        RunOptions options = oneRunId();
        CollectingListener embeddedEvents = new CollectingListener();
        RunResult<ResearchOutcome> embedded = new WorkflowEngine(new ResearchModel())
                .run(ResearchWorkflow.of(SETTINGS), QUESTION, options.withListener(embeddedEvents));
        CollectingListener temporalEvents = new CollectingListener();

        RunResult<ResearchOutcome> onTemporal = research(new ResearchModel(), options.withListener(temporalEvents));

        assertThat(onTemporal.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(onTemporal.output()).isEqualTo(embedded.output());
        assertThat(onTemporal.record().steps()).extracting(StepRecord::path)
                .containsExactlyElementsOf(embedded.record().steps().stream().map(StepRecord::path).toList());
        assertThat(onTemporal.record().steps()).extracting(StepRecord::output)
                .containsExactlyElementsOf(embedded.record().steps().stream().map(StepRecord::output).toList());
        assertThat(onTemporal.record().attempts()).isEqualTo(embedded.record().attempts());
        assertThat(onTemporal.record().tokens()).isEqualTo(embedded.record().tokens());
        assertThat(onTemporal.record().modelCalls()).isEqualTo(embedded.record().modelCalls());
        assertThat(types(temporalEvents.events())).containsExactlyElementsOf(types(embeddedEvents.events()));
        assertThat(temporalEvents.events()).extracting(WorkflowEvent::sequence)
                .containsExactlyElementsOf(embeddedEvents.events().stream().map(WorkflowEvent::sequence).toList());
        assertThat(withoutDurations(ResearchReport.of(QUESTION, onTemporal).markdown()))
                .isEqualTo(withoutDurations(ResearchReport.of(QUESTION, embedded).markdown()))
                .contains("fell back from `hf:Qwen/Qwen2.5-72B-Instruct` (HTTP 500 from novita");
    }

    @Test
    void aCallEveryModelFailedIsNotRetriedByTemporalAndCarriesEveryAttemptIntoTheRecord() throws Exception {
        ResearchModel model = new ResearchModel().failingSynthesis();
        RunOptions options = oneRunId();
        RunResult<ResearchOutcome> embedded = new WorkflowEngine(new ResearchModel().failingSynthesis())
                .run(ResearchWorkflow.of(SETTINGS), QUESTION, options);

        RunResult<ResearchOutcome> onTemporal = research(model, options);

        assertThat(onTemporal.status()).isEqualTo(RunStatus.FAILED);
        RunResult.Failed<ResearchOutcome> failed = (RunResult.Failed<ResearchOutcome>) onTemporal;
        assertThat(failed.failedStep()).isEqualTo("synthesize");
        assertThat(failed.failure()).isInstanceOf(AllModelsFailedError.class)
                .hasMessage(((RunResult.Failed<ResearchOutcome>) embedded).failure().getMessage());
        assertThat(((AllModelsFailedError) failed.failure()).attempts()).extracting(Attempt::shortReason)
                .containsExactly("HTTP 500 from novita", "HTTP 402 from hf");
        assertThat(model.calls()).as("one call per step, none again: the failure is not retryable on Temporal")
                .isEqualTo(embedded.record().modelCalls());
        assertThat(onTemporal.record().step("synthesize").orElseThrow().attempts())
                .isEqualTo(embedded.record().step("synthesize").orElseThrow().attempts());
        assertThat(withoutDurations(ResearchReport.of(QUESTION, onTemporal).markdown()))
                .isEqualTo(withoutDurations(ResearchReport.of(QUESTION, embedded).markdown()));
    }

    @Test
    void theTokenBudgetIsCountedInWorkflowStateAndEndsRefiningAsOnTheEmbeddedEngine() throws Exception {
        RunOptions options = RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(60));
        RunResult<ResearchOutcome> embedded = new WorkflowEngine(new ResearchModel())
                .run(ResearchWorkflow.of(SETTINGS), QUESTION, options);

        RunResult<ResearchOutcome> onTemporal = research(new ResearchModel(), options);

        assertThat(onTemporal.status()).isEqualTo(embedded.status());
        assertThat(onTemporal.output()).isEqualTo(embedded.output());
        assertThat(onTemporal.output().orElseThrow().limitations()).isNotEmpty();
        assertThat(onTemporal.record().modelCalls()).isEqualTo(embedded.record().modelCalls());
    }

    @Test
    void aGroundedRunSearchesAsActivitiesAndRecordsTheSearchesAndReportOfTheEmbeddedEngine() throws Exception {
        ResearchSettings grounded = SETTINGS.withGrounding(GroundingSettings.of(List.of("pubmed", "europepmc")));
        RunOptions options = oneRunId();
        CollectingListener embeddedEvents = new CollectingListener();
        RunResult<ResearchOutcome> embedded = new WorkflowEngine(new ResearchModel(), groundedSources(), Clock.systemUTC(),
                RunStore.none()).run(ResearchWorkflow.of(grounded), QUESTION, options.withListener(embeddedEvents));
        CollectingListener temporalEvents = new CollectingListener();
        RunResult<ResearchOutcome> onTemporal;
        String queue = "test-" + UUID.randomUUID();
        try (TemporalWorker worker = TemporalWorker.start(environment.getWorkflowClient(), queue, new ResearchModel(),
                groundedSources(), CATALOG, List.of())) {
            onTemporal = TemporalRuns.on(environment.getWorkflowClient(), queue)
                    .<ResearchOutcome>start(ResearchWorkflow.NAME, QUESTION, Optional.of(grounded),
                            options.withListener(temporalEvents))
                    .await(Duration.ofSeconds(30)).orElseThrow();
        }

        assertThat(onTemporal.status()).isEqualTo(RunStatus.COMPLETED).isEqualTo(embedded.status());
        assertThat(onTemporal.record().steps()).extracting(StepRecord::path)
                .containsExactlyElementsOf(embedded.record().steps().stream().map(StepRecord::path).toList())
                .contains("investigate[0]/search");
        assertThat(searchLedger(onTemporal)).containsExactlyInAnyOrderElementsOf(searchLedger(embedded))
                .contains("europepmc FAILED ProviderUnavailable", "pubmed SUCCEEDED -");
        assertThat(types(temporalEvents.events())).containsExactlyInAnyOrderElementsOf(types(embeddedEvents.events()))
                .contains("SearchStarted", "SearchSucceeded", "SearchFailed");
        assertThat(withoutDurations(ResearchReport.of(QUESTION, onTemporal).markdown()))
                .isEqualTo(withoutDurations(ResearchReport.of(QUESTION, embedded).markdown()));
    }

    private static ScriptedSources groundedSources() {
        return ScriptedSources.of("pubmed", "europepmc")
                .byDefault("europepmc", ScriptedSources.failing("europepmc", ErrorKind.PROVIDER_UNAVAILABLE, 503, "down"));
    }

    private static List<String> searchLedger(RunResult<ResearchOutcome> result) {
        return result.record().steps().stream().flatMap(step -> step.searchAttempts().stream())
                .map(attempt -> attempt.source().name() + " " + attempt.outcome() + " "
                        + attempt.kind().map(ErrorKind::displayName).orElse("-"))
                .toList();
    }

    @Test
    void aParallelMapHasAtMostItsParallelismOfCallsInFlight() throws Exception {
        PairingModel model = new PairingModel(2);
        Workflow<List<String>, List<String>> fanOut = Workflow.parallelMap("fan-out",
                Workflow.step("ask", (String item, StepContext context) -> context.call(ChatRequest.of(ChatMessage.user(item))).text()),
                2);

        RunResult<List<String>> result = run(model, WorkflowCatalog.empty().with(fanOut), fanOut.name(),
                List.of("a", "b", "c", "d"), CallTimeouts.DEFAULTS, run -> {});

        assertThat(result.output()).contains(List.of("a", "b", "c", "d"));
        assertThat(model.maxInFlight()).as("two lanes, each call waiting for the other lane's").isEqualTo(2);
        assertThat(result.record().steps()).extracting(StepRecord::path)
                .containsExactly("fan-out[0]/ask", "fan-out[1]/ask", "fan-out[2]/ask", "fan-out[3]/ask");
    }

    @Test
    void cancellingTheRunReachesTheCallInFlightOnItsWorker() throws Exception {
        BlockingModel model = new BlockingModel();
        Workflow<String, String> ask = Workflow.step("ask", (String question, StepContext context) ->
                context.call(ChatRequest.of(ChatMessage.user(question))).text());

        RunResult<String> result = run(model, WorkflowCatalog.empty().with(ask), ask.name(), QUESTION,
                new CallTimeouts(Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(5)), run -> {
                    model.awaitCall();
                    run.cancel();
                });

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.record().step("ask").orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(model.interrupted()).as("the worker interrupts the call when Temporal cancels its activity").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nondeterministicSteps")
    void aStepReadingTheClockOrARandomSourceOutsideItsContextFailsReplayNamingTheStep(String name, Step<String, String> step)
            throws Exception {
        Workflow<String, String> workflow = Workflow.step(name, step);
        WorkflowCatalog catalog = WorkflowCatalog.empty().with(workflow);
        RunResult<String> first = run(new ResearchModel(), catalog, workflow.name(), QUESTION, CallTimeouts.DEFAULTS, run -> {});
        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);

        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(
                environment.getWorkflowClient().fetchHistory(first.record().runId()), replayer(catalog)))
                .hasStackTraceContaining("step " + name + " returned a different output on replay")
                .hasStackTraceContaining("must be deterministic apart from its model calls");
    }

    static Stream<Arguments> nondeterministicSteps() {
        return Stream.of(
                Arguments.of("clock", (Step<String, String>) (question, context) -> question + " at " + Instant.now()),
                Arguments.of("random", (Step<String, String>) (question, context) -> question + " #" + UUID.randomUUID()));
    }

    @Test
    void aRecordedResearchRunReplaysWithoutNondeterminism() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(RecordResearchHistory.RESOURCE, replayer(CATALOG));
    }

    private static Worker replayer(WorkflowCatalog catalog) {
        Worker worker = environment.newWorker("replay-" + UUID.randomUUID());
        TemporalWorker.register(worker, catalog, List.of(), RunTracing.NONE, CallTimeouts.DEFAULTS, List.of());
        return worker;
    }

    private static <O> RunResult<O> run(ModelPort model, WorkflowCatalog catalog, String workflow, Object input,
            CallTimeouts timeouts, Consumer<TemporalRun<O>> whileRunning) throws InterruptedException {
        String queue = "test-" + UUID.randomUUID();
        try (TemporalWorker worker = TemporalWorker.start(environment.getWorkflowClient(), queue, model, catalog, List.of(),
                Optional.empty(), timeouts)) {
            TemporalRun<O> run = TemporalRuns.on(environment.getWorkflowClient(), worker.taskQueue())
                    .start(workflow, input, Optional.empty(), RunOptions.defaults());
            whileRunning.accept(run);
            return run.await(Duration.ofSeconds(30)).orElseThrow();
        }
    }

    /**
     * A second execution of a run id (as a reset makes one: Temporal's in-memory server cannot reset, so a run id
     * started again after it ended stands in) numbers its events from the start again, on the worker that heard the
     * first; the worker's listeners hear all of it.
     */
    @Test
    void aNewExecutionOfARunOnTheWorkerThatHeardTheFirstIsHeardFromItsStart() throws Exception {
        String queue = "test-" + UUID.randomUUID();
        CollectingListener heard = new CollectingListener();
        RunOptions options = oneRunId();
        try (TemporalWorker worker = TemporalWorker.start(environment.getWorkflowClient(), queue, new ResearchModel(),
                CATALOG, List.of(heard))) {
            TemporalRuns runs = TemporalRuns.on(environment.getWorkflowClient(), worker.taskQueue());
            RunResult<ResearchOutcome> first = runs.<ResearchOutcome>start(ResearchWorkflow.NAME, QUESTION,
                    Optional.of(SETTINGS), options).await(Duration.ofSeconds(30)).orElseThrow();
            int firstHeard = heard.events().size();
            RunResult<ResearchOutcome> second = runs.<ResearchOutcome>start(ResearchWorkflow.NAME, QUESTION,
                    Optional.of(SETTINGS), options).await(Duration.ofSeconds(30)).orElseThrow();

            assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(heard.events().subList(firstHeard, heard.events().size())).extracting(WorkflowEvent::sequence)
                    .containsExactlyElementsOf(heard.events().subList(0, firstHeard).stream().map(WorkflowEvent::sequence).toList());
        }
    }

    private static RunResult<ResearchOutcome> research(ModelPort model, RunOptions options) throws InterruptedException {
        String queue = "test-" + UUID.randomUUID();
        try (TemporalWorker worker = TemporalWorker.start(environment.getWorkflowClient(), queue, model, CATALOG, List.of())) {
            TemporalRun<ResearchOutcome> run = TemporalRuns.on(environment.getWorkflowClient(), worker.taskQueue())
                    .start(ResearchWorkflow.NAME, QUESTION, Optional.of(SETTINGS), options);
            return run.await(Duration.ofSeconds(30)).orElseThrow();
        }
    }

    /** Options naming the run, so both engines' reports name the same run. */
    private static RunOptions oneRunId() {
        return RunOptions.defaults().withRunId("run-" + UUID.randomUUID());
    }

    private static List<String> types(List<WorkflowEvent> events) {
        return events.stream().map(event -> event.getClass().getSimpleName()).toList();
    }

    private static String withoutDurations(String markdown) {
        return markdown.replaceAll("\\| [0-9.]+ (ms|s|min) \\|", "| (duration) |");
    }
}
