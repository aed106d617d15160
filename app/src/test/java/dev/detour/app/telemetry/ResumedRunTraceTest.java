package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.cost.Pricing;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.model.ModelPort;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.testing.InMemoryRunStore;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.simulator.Scenario;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A resumed run is traced like a started one: its own run span, with the steps it runs again under it. */
class ResumedRunTraceTest {

    @Test
    void aResumedRunIsARunSpanOfItsOwnAndTheStepsItRunsAreItsChildren() throws InterruptedException {
        try (TelemetryRig rig = TelemetryRig.start(Scenario.builtIn("hf-outage"))) {
            InMemoryRunStore store = new InMemoryRunStore();
            AtomicReference<InMemoryRunStore> afterThePlan = new AtomicReference<>();
            store.watchSteps(step -> afterThePlan.compareAndSet(null, store.copy()));
            ResearchRun first = runner(rig, store).run("Why do tides happen twice a day?");
            assertThat(first.result().status()).isEqualTo(RunStatus.COMPLETED);
            // What a process killed right after storing the plan leaves behind.
            InMemoryRunStore leftBehind = afterThePlan.get();
            String runId = first.result().record().runId();
            rig.spans.reset();

            RunResult<ResearchOutcome> resumed = runner(rig, leftBehind)
                    .resume(leftBehind.find(runId).orElseThrow(), RunOptions.defaults()).await();

            assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
            List<SpanData> spans = rig.finishedSpans();
            List<SpanData> runs = spans.stream().filter(span -> span.getName().equals("detour.run research")).toList();
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.getAttributes().get(AttributeKey.stringKey("detour.run_id"))).isEqualTo(runId);
                assertThat(run.getAttributes().get(AttributeKey.longKey("detour.recorded_steps"))).isPositive();
                assertThat(run.getAttributes().get(AttributeKey.stringKey("detour.status"))).isEqualTo("COMPLETED");
            });
            List<SpanData> steps = spans.stream().filter(span -> span.getName().startsWith("detour.step ")).toList();
            assertThat(steps).extracting(SpanData::getName).doesNotContain("detour.step plan").contains("detour.step synthesize");
            assertThat(steps).allSatisfy(step -> assertThat(step.getParentSpanId()).isEqualTo(runs.get(0).getSpanId()));
        }
    }

    /** A runner over the rig's chain and telemetry, storing its runs in {@code store}, as a process would have. */
    private static ResearchRunner runner(TelemetryRig rig, InMemoryRunStore store) {
        WorkflowEngine engine = new WorkflowEngine(rig.get(ModelPort.class), EvidenceSources.none(), Clock.systemUTC(),
                rig.get(Telemetry.class).runListeners(), Pricing.none(), store);
        return new ResearchRunner(engine, ResearchSettings.defaults().withMaxIterations(1));
    }
}
