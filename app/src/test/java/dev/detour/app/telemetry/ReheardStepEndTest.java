package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.testing.ScriptedSources;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepContext;
import dev.detour.core.workflow.Workflow;
import dev.detour.engine.temporal.TemporalConnection;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalWorker;
import dev.detour.engine.temporal.WorkerModels;
import dev.detour.engine.temporal.WorkflowCatalog;
import dev.detour.simulator.Scenario;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow task that publishes a step's end and then fails, and so runs again from its start on the same worker,
 * publishing that end again: the run still has one span and each step one span under it, with the attributes of
 * the step's one end.
 */
class ReheardStepEndTest {

    private static final String QUEUE = "reheard-step-end";
    private static final String WORKFLOW = "plan-then-fail-once";

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
        Workflow<String, String> workflow = Workflow.step("plan", (String question, StepContext context) -> question)
                .<String>then("review", (String plan, StepContext context) -> {
                    if (reviews.incrementAndGet() == 1) {
                        throw new TaskFault();
                    }
                    return plan;
                })
                .named(WORKFLOW);
        TemporalWorker.register(temporal.newWorker(QUEUE), rig.get(WorkerModels.class), ScriptedSources.of("pubmed"),
                WorkflowCatalog.empty().with(workflow), List.of(), rig.get(Telemetry.class).runTracing());
        temporal.start();

        RunResult<String> result = TemporalRuns.on(temporal.getWorkflowClient(), QUEUE)
                .<String>start(WORKFLOW, "Why do tides happen twice a day?", Optional.empty(), RunOptions.defaults())
                .await(Duration.ofSeconds(30)).orElseThrow();

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
}
