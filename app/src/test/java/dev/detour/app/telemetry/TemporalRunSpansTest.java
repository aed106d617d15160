package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.TokenUsage;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.engine.temporal.RunTracing;
import dev.detour.engine.temporal.TracedRun;
import dev.detour.simulator.Scenario;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spans of a run on Temporal when the worker that began it stops mid-run and another goes on with it: the
 * second worker, hearing only the events that come after, still ends up with one span per run and step, under the
 * starter's span, timed from when they began.
 */
class TemporalRunSpansTest {

    private static final String RUN = "run-on-two-workers";
    private static final Duration PLAN_TOOK = Duration.ofSeconds(2);

    private TelemetryRig rig;
    private Telemetry telemetry;
    private Span starter;
    private TracedRun run;

    @BeforeEach
    void startTheRunFromAnEmbeddersSpan() {
        rig = TelemetryRig.start(Scenario.builtIn("hf-outage"));
        telemetry = rig.get(Telemetry.class);
        starter = rig.sdk.getTracer("embedder").spanBuilder("embedder request").startSpan();
        Map<String, String> traceContext;
        try (Scope ignored = starter.makeCurrent()) {
            traceContext = telemetry.currentTraceContext();
        }
        starter.end();
        run = new TracedRun(RUN, "research", Instant.now().minusSeconds(10), traceContext);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aWorkerHoldingTheMostOpenRunsItKeepsEndsTheLeastRecentlyTouchedOneAsAbandoned() {
        RunTracing worker = telemetry.runTracing();
        for (int i = 0; i <= TemporalRunSpans.MOST_OPEN_RUNS; i++) {
            String id = "went-on-elsewhere-" + i;
            worker.onEvent(new TracedRun(id, "research", Instant.now(), run.traceContext()),
                    new WorkflowEvent.RunStarted(id, 1, Instant.now(), "research"));
        }

        List<SpanData> ended = rig.finishedSpans().stream().filter(span -> span.getName().equals("detour.run research"))
                .toList();
        assertThat(ended).singleElement().satisfies(span -> {
            assertThat(span.getAttributes().get(GenAi.RUN_ID)).isEqualTo("went-on-elsewhere-0");
            assertThat(span.getEvents()).extracting(EventData::getName).containsExactly(TemporalRunSpans.ABANDONED);
        });
    }

    @Test
    void aWorkerThatGoesOnWithARunBegunElsewhereEndsItWithOneSpanPerRunAndStep() {
        RunTracing first = telemetry.runTracing();
        first.onEvent(run, new WorkflowEvent.RunStarted(RUN, 1, Instant.now(), "research"));
        first.onEvent(run, new WorkflowEvent.StepStarted(RUN, 2, Instant.now(), "plan"));

        RunTracing second = telemetry.runTracing();
        Instant planEnded = Instant.now();
        second.onEvent(run, new WorkflowEvent.StepCompleted(RUN, 3, planEnded, "plan", PLAN_TOOK, TokenUsage.NONE));
        second.onEvent(run, new WorkflowEvent.StepStarted(RUN, 4, Instant.now(), "synthesize"));
        Map<String, String> synthesizing = second.contextOf(RUN, "synthesize");
        second.onEvent(run, new WorkflowEvent.StepCompleted(RUN, 5, Instant.now(), "synthesize", Duration.ofSeconds(1),
                TokenUsage.NONE));
        second.onEvent(run, new WorkflowEvent.RunCompleted(RUN, 6, Instant.now(), Duration.ofSeconds(13), TokenUsage.NONE, 2));

        List<SpanData> spans = rig.finishedSpans();
        assertThat(spans).extracting(SpanData::getName).containsExactlyInAnyOrder("embedder request", "detour.step plan",
                "detour.step synthesize", "detour.run research");
        SpanData runSpan = named(spans, "detour.run research");
        assertThat(runSpan.getParentSpanId()).isEqualTo(starter.getSpanContext().getSpanId());
        assertThat(runSpan.getTraceId()).isEqualTo(starter.getSpanContext().getTraceId());
        assertThat(runSpan.getStartEpochNanos()).isEqualTo(nanos(run.start()));
        SpanData plan = named(spans, "detour.step plan");
        assertThat(plan.getParentSpanId()).isEqualTo(runSpan.getSpanId());
        assertThat(plan.getStartEpochNanos()).isEqualTo(nanos(planEnded.minus(PLAN_TOOK)));
        SpanData synthesize = named(spans, "detour.step synthesize");
        assertThat(synthesize.getParentSpanId()).isEqualTo(runSpan.getSpanId());
        assertThat(synthesizing.get("traceparent")).contains(synthesize.getTraceId(), synthesize.getSpanId());
    }

    @Test
    void aStepsCallsAreMadeInItsSpansContextAndAnUnknownStepHasNone() {
        RunTracing tracing = telemetry.runTracing();
        tracing.onEvent(run, new WorkflowEvent.RunStarted(RUN, 1, Instant.now(), "research"));
        tracing.onEvent(run, new WorkflowEvent.StepStarted(RUN, 2, Instant.now(), "plan"));

        String current = tracing.within(tracing.contextOf(RUN, "plan"), () -> Span.current().getSpanContext().getSpanId());
        tracing.onEvent(run, new WorkflowEvent.StepCompleted(RUN, 3, Instant.now(), "plan", Duration.ZERO, TokenUsage.NONE));

        assertThat(current).isEqualTo(named(rig.finishedSpans(), "detour.step plan").getSpanId());
        assertThat(telemetry.runTracing().contextOf("another-run", "plan")).isEmpty();
        assertThat(tracing.within(Map.of(), () -> Span.current().getSpanContext().isValid())).isFalse();
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
