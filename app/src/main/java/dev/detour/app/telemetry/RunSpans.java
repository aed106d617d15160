package dev.detour.app.telemetry;

import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a run's events into its spans: {@code detour.run {workflow}}, a child of whatever span was current
 * where the run was started or resumed (a resumed run is a span of its own, with the steps it did not run again
 * counted), and a {@code detour.step {path}} child of it per step. A step's span is current
 * on the step's thread while the step runs (listeners hear a step's start and end on that thread), so the
 * chain calls the step makes become its children; so do its searches' spans ({@link SearchSpans}).
 */
final class RunSpans implements WorkflowListener {

    private final Tracer tracer;
    private final Map<String, Span> runs = new ConcurrentHashMap<>();
    private final Map<String, OpenStep> steps = new ConcurrentHashMap<>();
    private final SearchSpans searches;

    /** A step's span, the scope that made it current, and the thread that scope belongs to. */
    private record OpenStep(Span span, Scope scope, Thread thread) {

        void end() {
            if (Thread.currentThread() == thread) {
                scope.close();
            }
            span.end();
        }
    }

    RunSpans(Tracer tracer, SearchSpans searches) {
        this.tracer = tracer;
        this.searches = searches;
    }

    @Override
    public void onEvent(WorkflowEvent event) {
        switch (event) {
            case WorkflowEvent.RunStarted started -> runs.put(started.runId(), run(started.runId(), started.workflow())
                    .startSpan());
            case WorkflowEvent.RunResumed resumed -> runs.put(resumed.runId(), run(resumed.runId(), resumed.workflow())
                    .setAttribute(GenAi.RECORDED_STEPS, (long) resumed.recordedSteps())
                    .startSpan());
            case WorkflowEvent.StepStarted started -> stepStarted(started);
            case WorkflowEvent.StepCompleted completed -> {
                OpenStep step = steps.remove(key(completed.runId(), completed.step()));
                if (step != null) {
                    RunFacts.completed(step.span(), completed);
                    step.end();
                }
            }
            case WorkflowEvent.StepFailed failed -> {
                OpenStep step = steps.remove(key(failed.runId(), failed.step()));
                if (step != null) {
                    RunFacts.failed(step.span(), failed);
                    step.end();
                }
            }
            case WorkflowEvent.BudgetExhausted exhausted -> {
                Span run = runs.get(exhausted.runId());
                if (run != null) {
                    RunFacts.exhausted(run, exhausted);
                }
            }
            case WorkflowEvent.RunCompleted completed -> {
                Span run = runs.remove(completed.runId());
                if (run != null) {
                    RunFacts.completed(run, completed);
                    run.end();
                }
            }
            case WorkflowEvent.RunFailed failed -> {
                Span run = runs.remove(failed.runId());
                if (run != null) {
                    RunFacts.failed(run, failed);
                    run.end();
                }
            }
            case WorkflowEvent.SearchSucceeded succeeded -> searches.answered(step(succeeded.runId(), succeeded.step()),
                    succeeded.attempt(), succeeded.hits());
            case WorkflowEvent.SearchFailed failed -> searches.ended(step(failed.runId(), failed.step()), failed.attempt());
            case WorkflowEvent.SearchSkipped skipped -> searches.ended(step(skipped.runId(), skipped.step()), skipped.attempt());
            default -> {
                // Attempts and fallbacks are the chain's spans; a search's span is made when it ends.
            }
        }
    }

    private SpanBuilder run(String runId, String workflow) {
        return RunFacts.run(tracer, runId, workflow).setParent(Context.current());
    }

    private void stepStarted(WorkflowEvent.StepStarted started) {
        Span run = runs.get(started.runId());
        Context parent = run == null ? Context.current() : Context.current().with(run);
        Span span = RunFacts.step(tracer, started.runId(), started.step()).setParent(parent).startSpan();
        steps.put(key(started.runId(), started.step()), new OpenStep(span, span.makeCurrent(), Thread.currentThread()));
    }

    /** The span of the step {@code path} of run {@code runId}, if it is open. */
    private Optional<Span> step(String runId, String path) {
        return Optional.ofNullable(steps.get(key(runId, path))).map(OpenStep::span);
    }

    private static String key(String runId, String step) {
        return runId + '\n' + step;
    }
}
