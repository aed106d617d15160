package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.testing.ScriptedSources;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.Step;
import dev.detour.core.workflow.StepContext;
import dev.detour.core.workflow.Workflow;
import dev.detour.engine.temporal.TemporalConnection;
import dev.detour.engine.temporal.TemporalRun;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalWorker;
import dev.detour.engine.temporal.WorkerModels;
import dev.detour.engine.temporal.WorkflowCatalog;
import dev.detour.simulator.Scenario;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow task that publishes a step's end and then fails, and so runs again from its start, publishing that end
 * again: on the same worker the run still has one span and each step one under it. Run again on another worker, it
 * gives the step a second span there, a known limit: the first worker ended its span before the task failed, and
 * neither OpenTelemetry (which cannot take an ended span back or give two processes' spans one id) nor workflow code
 * (which cannot see a task's failure or its commit) lets either worker know.
 */
class ReheardStepEndTest {

    private static final String QUEUE = "reheard-step-end";
    private static final String WORKFLOW = "plan-then-fail-once";
    /** Past Temporal's workflow task timeout: a task handed to the first worker's last poll goes to another then. */
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(11);

    private TelemetryRig rig;
    private TestWorkflowEnvironment temporal;

    /** Fails the workflow task it is thrown in, as an error Detour does not record as a step's failure. */
    private static final class TaskFault extends Error {

        TaskFault() {
            super("the workflow task fails after it published the end of step plan");
        }
    }

    @BeforeEach
    void start() {
        rig = TelemetryRig.start(Scenario.builtIn("hf-outage"));
        temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(TemporalConnection.clientOptions("default"))
                .build());
    }

    @AfterEach
    void close() {
        temporal.close();
        rig.close();
    }

    @Test
    void aStepEndPublishedAgainByAWorkflowTaskThatRanAgainOnItsWorkerIsOneSpan() throws Exception {
        AtomicInteger reviews = new AtomicInteger();
        WorkerFactory only = worker(review((plan, context) -> {
            if (reviews.incrementAndGet() == 1) {
                throw new TaskFault();
            }
            return plan;
        }));
        only.start();

        RunResult<String> result = TemporalRuns.on(temporal.getWorkflowClient(), QUEUE)
                .<String>start(WORKFLOW, "Why do tides happen twice a day?", Optional.empty(), RunOptions.defaults())
                .await(Duration.ofSeconds(30)).orElseThrow();

        only.shutdownNow();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(reviews).as("the task ran twice, publishing plan's end both times").hasValue(2);
        List<SpanData> spans = rig.finishedSpans();
        SpanData run = SpanTree.only(spans, "detour.run " + WORKFLOW);
        assertThat(spans).extracting(SpanData::getName).containsExactlyInAnyOrder(
                "detour.step plan", "detour.step review", "detour.run " + WORKFLOW);
        assertThat(SpanTree.childrenOf(spans, run)).extracting(SpanData::getName)
                .containsExactlyInAnyOrder("detour.step plan", "detour.step review");
        assertThat(SpanTree.only(spans, "detour.step plan").getAttributes().get(GenAi.STEP)).isEqualTo("plan");
    }

    @Test
    void runAgainOnAnotherWorkerTheTaskGivesTheStepItEndedASecondSpanThereAKnownLimit() throws Exception {
        CountDownLatch failedOnFirst = new CountDownLatch(1);
        WorkerFactory first = worker(review((plan, context) -> {
            failedOnFirst.countDown();
            throw new TaskFault();
        }));
        WorkerFactory second = worker(review((plan, context) -> plan));
        first.start();
        TemporalRun<String> started = TemporalRuns.on(temporal.getWorkflowClient(), QUEUE)
                .start(WORKFLOW, "Why do tides happen twice a day?", Optional.empty(), RunOptions.defaults());
        assertThat(failedOnFirst.await(30, TimeUnit.SECONDS)).isTrue();
        first.shutdownNow();
        first.awaitTermination(30, TimeUnit.SECONDS);
        second.start();
        temporal.sleep(TASK_TIMEOUT);

        RunResult<String> result = started.await(Duration.ofSeconds(30)).orElseThrow();

        second.shutdownNow();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        List<SpanData> spans = rig.finishedSpans();
        SpanData run = SpanTree.only(spans, "detour.run " + WORKFLOW);
        assertThat(SpanTree.childrenOf(spans, run)).as("the second worker's tree: each step once")
                .extracting(SpanData::getName).containsExactlyInAnyOrder("detour.step plan", "detour.step review");
        assertThat(spans).as("the first worker's span of plan, under its run span, which never ended")
                .filteredOn(span -> span.getName().equals("detour.step plan")).hasSize(2)
                .filteredOn(span -> !span.getParentSpanId().equals(run.getSpanId())).singleElement()
                .satisfies(lost -> assertThat(spans).extracting(SpanData::getSpanId).doesNotContain(lost.getParentSpanId()));
    }

    /** Step plan, then step review. */
    private static Workflow<String, String> review(Step<String, String> step) {
        return Workflow.step("plan", (String question, StepContext context) -> question).then("review", step)
                .named(WORKFLOW);
    }

    /** A worker of its own factory on the queue, as a worker process of its own has, with tracing of its own. */
    private WorkerFactory worker(Workflow<String, String> workflow) {
        WorkerFactory factory = WorkerFactory.newInstance(temporal.getWorkflowClient());
        TemporalWorker.register(factory.newWorker(QUEUE), rig.get(WorkerModels.class), ScriptedSources.of("pubmed"),
                WorkflowCatalog.empty().with(workflow), List.of(), rig.get(Telemetry.class).runTracing());
        return factory;
    }
}
