package dev.detour.engine.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.WorkflowEvent;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker's {@link RunTracing}: it hears each event of a run once, with the trace context of whoever started it,
 * each model call is made in its step's trace context, and a replay of the run's history is heard not at all.
 */
class RunTracingTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final Map<String, String> CALLER = Map.of("traceparent", "00-caller-span-01");
    private static final String QUEUE = "traced";

    private static final String REPLAY_QUEUE = "replay";
    private static final Recorder TRACING = new Recorder();
    private static final Recorder REPLAYING = new Recorder();
    private static TestWorkflowEnvironment environment;
    private static Worker replayer;

    @BeforeAll
    static void startAWorker() {
        environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(TemporalConnection.clientOptions("default"))
                .build());
        WorkflowCatalog catalog = WorkflowCatalog.empty().with(ResearchWorkflow.NAME, ResearchSettings.class,
                ResearchSettings.defaults(), ResearchWorkflow::of);
        TemporalWorker.register(environment.newWorker(QUEUE), WorkerModels.only(new ResearchModel()), EvidenceSources.none(),
                catalog, List.of(), TRACING);
        replayer = environment.newWorker(REPLAY_QUEUE);
        TemporalWorker.register(replayer, WorkerModels.only(new ResearchModel()), EvidenceSources.none(), catalog, List.of(),
                REPLAYING);
        environment.start();
    }

    @AfterAll
    static void stopTestServer() {
        environment.close();
    }

    @Test
    void tracingHearsEveryEventOnceWithTheCallersContextEachCallIsMadeInItsStepsContextAndAReplayIsNotHeard()
            throws Exception {
        RunResult<ResearchOutcome> result = TemporalRuns.on(environment.getWorkflowClient(), QUEUE)
                .<ResearchOutcome>start(ResearchWorkflow.NAME, QUESTION, Optional.of(ResearchSettings.defaults().withParallelism(1)),
                        List.of(), CALLER, RunOptions.defaults().withRunId("traced-run"))
                .await(Duration.ofSeconds(30)).orElseThrow();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        List<WorkflowEvent> heard = TRACING.events();
        assertThat(heard).extracting(WorkflowEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, heard.size()).boxed().toList());
        assertThat(heard.getLast()).isInstanceOf(WorkflowEvent.RunCompleted.class);
        assertThat(heard).filteredOn(WorkflowEvent.StepStarted.class::isInstance)
                .hasSize(result.record().steps().size());
        assertThat(TRACING.runs()).isNotEmpty().allSatisfy(run -> {
            assertThat(run.runId()).isEqualTo("traced-run");
            assertThat(run.workflow()).isEqualTo(ResearchWorkflow.NAME);
            assertThat(run.traceContext()).isEqualTo(CALLER);
        });
        List<String> callingSteps = result.record().steps().stream().filter(step -> !step.attempts().isEmpty())
                .map(StepRecord::path).toList();
        assertThat(TRACING.contextsCalledIn()).containsExactlyElementsOf(
                callingSteps.stream().map(path -> Map.of("traceparent", "step " + path)).toList());

        WorkflowReplayer.replayWorkflowExecution(environment.getWorkflowClient().fetchHistory("traced-run"), replayer);
        assertThat(REPLAYING.contextsAsked()).as("the replay rebuilt the calls").hasSameSizeAs(callingSteps);
        assertThat(REPLAYING.events()).isEmpty();
        assertThat(REPLAYING.contextsCalledIn()).isEmpty();
    }

    /** Keeps what it hears; names each step's context after the step while it runs, and the run's otherwise. */
    private static final class Recorder implements RunTracing {

        private final List<WorkflowEvent> events = new ArrayList<>();
        private final List<TracedRun> runs = new ArrayList<>();
        private final List<String> open = new ArrayList<>();
        private final List<String> asked = new ArrayList<>();
        private final List<Map<String, String>> calledIn = new ArrayList<>();

        @Override
        public synchronized void onEvent(TracedRun run, WorkflowEvent event) {
            runs.add(run);
            events.add(event);
            switch (event) {
                case WorkflowEvent.StepStarted started -> open.add(started.step());
                case WorkflowEvent.StepCompleted completed -> open.remove(completed.step());
                case WorkflowEvent.StepFailed failed -> open.remove(failed.step());
                default -> {
                    // Only steps name contexts.
                }
            }
        }

        @Override
        public synchronized Map<String, String> contextOf(String runId, String step) {
            asked.add(step);
            return open.contains(step) ? Map.of("traceparent", "step " + step) : Map.of();
        }

        @Override
        public <T> T within(Map<String, String> traceContext, Supplier<T> call) {
            synchronized (this) {
                calledIn.add(traceContext);
            }
            return call.get();
        }

        synchronized List<WorkflowEvent> events() {
            return List.copyOf(events);
        }

        synchronized List<TracedRun> runs() {
            return List.copyOf(runs);
        }

        synchronized List<String> contextsAsked() {
            return List.copyOf(asked);
        }

        synchronized List<Map<String, String>> contextsCalledIn() {
            return List.copyOf(calledIn);
        }
    }
}
