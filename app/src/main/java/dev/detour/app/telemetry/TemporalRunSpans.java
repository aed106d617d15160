package dev.detour.app.telemetry;

import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.engine.temporal.RunTracing;
import dev.detour.engine.temporal.TracedRun;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The spans of the runs a Temporal worker executes, the tree the embedded engine's runs have ({@link RunSpans}): the
 * run's span a child of the span current where the run was started, a step's span a child of the run's, and the
 * chain and attempt spans of a step's model calls children of the step's, on whichever worker makes the calls.
 *
 * <p>The engine hears a run's events here once per worker, never on replay, so each worker starts a span once; a span is
 * ended on the worker that started it. A run or step that a worker which has since stopped began gets its span on the worker
 * that sees it end, named and timed alike (its earlier children stay under the span that stopped with its worker). A
 * workflow task that published an end and then failed, run again on another worker, gives that step or run a second
 * span there: the first worker's was already ended, which OpenTelemetry cannot take back.
 */
final class TemporalRunSpans implements RunTracing {

    static final String ABANDONED = "detour.abandoned";
    static final int MOST_OPEN_RUNS = 50_000;
    static final int MOST_OPEN_STEPS = 200_000;

    private final Instruments instruments;
    private final SearchSpans searches;
    private final Map<String, Span> runs = open(MOST_OPEN_RUNS);
    private final Map<String, Span> steps = open(MOST_OPEN_STEPS);

    TemporalRunSpans(Instruments instruments, SearchSpans searches) {
        this.instruments = instruments;
        this.searches = searches;
    }

    @Override
    public void onEvent(TracedRun run, WorkflowEvent event) {
        switch (event) {
            case WorkflowEvent.RunStarted started -> runSpan(run, Instant.now());
            case WorkflowEvent.StepStarted started -> stepSpan(run, started.step(), Instant.now());
            case WorkflowEvent.StepCompleted completed -> {
                Span step = endingStep(run, completed.step(), completed.at().minus(completed.duration()));
                RunFacts.completed(step, completed);
                step.end();
            }
            case WorkflowEvent.StepFailed failed -> {
                Span step = endingStep(run, failed.step(), failed.at().minus(failed.duration()));
                RunFacts.failed(step, failed);
                step.end();
            }
            case WorkflowEvent.BudgetExhausted exhausted -> RunFacts.exhausted(runSpan(run, run.start()), exhausted);
            case WorkflowEvent.RunCompleted completed -> {
                Span span = endingRun(run);
                RunFacts.completed(span, completed);
                span.end();
            }
            case WorkflowEvent.RunFailed failed -> {
                Span span = endingRun(run);
                RunFacts.failed(span, failed);
                span.end();
            }
            case WorkflowEvent.SearchSucceeded succeeded ->
                    searches.answered(Optional.of(stepOrRun(run, succeeded.step())), succeeded.attempt(), succeeded.hits());
            case WorkflowEvent.SearchFailed failed -> searches.ended(Optional.of(stepOrRun(run, failed.step())), failed.attempt());
            case WorkflowEvent.SearchSkipped skipped ->
                    searches.ended(Optional.of(stepOrRun(run, skipped.step())), skipped.attempt());
            default -> {
                // Attempts and fallbacks are the chain's spans, made where the calls are.
            }
        }
    }

    @Override
    public Map<String, String> contextOf(String runId, String step) {
        Span span = steps.get(key(runId, step));
        if (span == null) {
            span = runs.get(runId);
        }
        return span == null ? Map.of() : TraceHeaders.of(Context.root().with(span));
    }

    @Override
    public <T> T within(Map<String, String> traceContext, Supplier<T> call) {
        if (traceContext.isEmpty()) {
            return call.get();
        }
        try (Scope ignored = TraceHeaders.context(traceContext).makeCurrent()) {
            return call.get();
        }
    }

    /** The run's open span, started at {@code start} if this worker has none. */
    private Span runSpan(TracedRun run, Instant start) {
        return runs.computeIfAbsent(run.runId(), id -> RunFacts.run(instruments.tracer(), id, run.workflow())
                .setParent(TraceHeaders.context(run.traceContext()))
                .setStartTimestamp(start)
                .startSpan());
    }

    private Span stepSpan(TracedRun run, String step, Instant start) {
        return steps.computeIfAbsent(key(run.runId(), step), key -> RunFacts.step(instruments.tracer(), run.runId(), step)
                .setParent(Context.root().with(runSpan(run, run.start())))
                .setStartTimestamp(start)
                .startSpan());
    }

    /** The step's open span, or one started when it began ({@code start}) for a step begun on another worker. */
    private Span endingStep(TracedRun run, String step, Instant start) {
        Span open = steps.remove(key(run.runId(), step));
        if (open != null) {
            return open;
        }
        Span begun = stepSpan(run, step, start);
        steps.remove(key(run.runId(), step));
        return begun;
    }

    private Span endingRun(TracedRun run) {
        Span span = runSpan(run, run.start());
        runs.remove(run.runId());
        return span;
    }

    private Span stepOrRun(TracedRun run, String step) {
        Span open = steps.get(key(run.runId(), step));
        return open != null ? open : runSpan(run, run.start());
    }

    /**
     * Open spans by run or step, the least recently touched ended and dropped beyond {@code most}: a run that went
     * on on another worker while this one lived, or that Temporal ended without an event (terminated, timed out),
     * would otherwise stay open here for good.
     */
    private static Map<String, Span> open(int most) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Span> eldest) {
                if (size() <= most) {
                    return false;
                }
                eldest.getValue().addEvent(ABANDONED).end();
                return true;
            }
        });
    }

    private static String key(String runId, String step) {
        return runId + '\n' + step;
    }
}
