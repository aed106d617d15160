package dev.detour.app.telemetry;

import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.WorkflowEvent;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/** What the span of a run and of a step say, their names and attributes, on either engine. */
final class RunFacts {

    private RunFacts() {}

    static SpanBuilder run(Tracer tracer, String runId, String workflow) {
        return tracer.spanBuilder("detour.run " + workflow)
                .setAttribute(GenAi.RUN_ID, runId)
                .setAttribute(GenAi.WORKFLOW, workflow);
    }

    static SpanBuilder step(Tracer tracer, String runId, String step) {
        return tracer.spanBuilder("detour.step " + step)
                .setAttribute(GenAi.RUN_ID, runId)
                .setAttribute(GenAi.STEP, step);
    }

    static void completed(Span step, WorkflowEvent.StepCompleted completed) {
        step.setAttribute(GenAi.TOKENS, completed.tokens().totalTokens());
    }

    static void failed(Span step, WorkflowEvent.StepFailed failed) {
        String errorType = failed.failure().kind().map(kind -> kind.displayName()).orElse(failed.failure().type());
        step.setAttribute(GenAi.STATUS, failed.failure().status().name());
        step.setAttribute(GenAi.ERROR_TYPE, errorType);
        step.setStatus(StatusCode.ERROR, errorType);
    }

    static void exhausted(Span run, WorkflowEvent.BudgetExhausted exhausted) {
        run.addEvent("detour.budget_exhausted", Attributes.of(GenAi.BUDGET, exhausted.exhaustion().resource().description()));
    }

    static void completed(Span run, WorkflowEvent.RunCompleted completed) {
        run.setAttribute(GenAi.STATUS, RunStatus.COMPLETED.name());
        run.setAttribute(GenAi.TOKENS, completed.tokens().totalTokens());
        run.setAttribute(GenAi.MODEL_CALLS, (long) completed.modelCalls());
    }

    static void failed(Span run, WorkflowEvent.RunFailed failed) {
        run.setAttribute(GenAi.STATUS, failed.status().name());
        if (failed.status() != RunStatus.BUDGET_EXHAUSTED) {
            run.setAttribute(GenAi.ERROR_TYPE, failed.status().name());
            run.setStatus(StatusCode.ERROR, failed.status().name());
        }
    }
}
