package dev.detour.core.workflow;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import java.time.Duration;
import java.time.Instant;

/**
 * Something that happened in a run, delivered to {@link WorkflowListener listeners} in order: each
 * event's {@link #sequence()} is one more than the previous event's of the same run.
 *
 * <p>Events carry enough for a progress display and for a JSON Lines log, and never a secret or a
 * full prompt.
 */
public sealed interface WorkflowEvent {

    /** The run the event belongs to. */
    String runId();

    /** The event's position in its run, starting at 1. */
    long sequence();

    /** When it happened. */
    Instant at();

    /** The run began. */
    record RunStarted(String runId, long sequence, Instant at, String workflow) implements WorkflowEvent {}

    /**
     * A stored run goes on in this process; its completed steps return their recorded outputs without
     * events of their own.
     *
     * @param recordedSteps how many completed steps the store holds for it
     */
    record RunResumed(String runId, long sequence, Instant at, String workflow, int recordedSteps)
            implements WorkflowEvent {}

    /** The run ended with an output. */
    record RunCompleted(String runId, long sequence, Instant at, Duration duration, TokenUsage tokens, int modelCalls)
            implements WorkflowEvent {}

    /** The run ended without an output: it failed, was cancelled or ran out of budget. */
    record RunFailed(String runId, long sequence, Instant at, RunStatus status, String message, Duration duration)
            implements WorkflowEvent {}

    /** A step began. */
    record StepStarted(String runId, long sequence, Instant at, String step) implements WorkflowEvent {}

    /** A step returned its output. */
    record StepCompleted(String runId, long sequence, Instant at, String step, Duration duration, TokenUsage tokens)
            implements WorkflowEvent {}

    /** A step ended without an output. */
    record StepFailed(String runId, long sequence, Instant at, String step, Duration duration, StepFailure failure)
            implements WorkflowEvent {}

    /** A request to a model is about to be sent. */
    record AttemptStarted(String runId, long sequence, Instant at, String step, ModelRef model, int retry)
            implements WorkflowEvent {}

    /** A model answered. */
    record AttemptSucceeded(String runId, long sequence, Instant at, String step, Attempt attempt)
            implements WorkflowEvent {}

    /** A model failed, with the kind and status that decide what happens next. */
    record AttemptFailed(String runId, long sequence, Instant at, String step, Attempt attempt)
            implements WorkflowEvent {}

    /** A model was not tried: circuit open, deadline or budget. */
    record AttemptSkipped(String runId, long sequence, Instant at, String step, Attempt attempt)
            implements WorkflowEvent {}

    /** The chain went on from one model to the next. */
    record FallbackTaken(String runId, long sequence, Instant at, String step, ModelRef from, ModelRef to, String reason)
            implements WorkflowEvent {}

    /** Text already streamed from a failed model is void; the answer starts again from the next one. */
    record StreamReset(String runId, long sequence, Instant at, String step, ModelRef failedModel, ModelRef nextModel)
            implements WorkflowEvent {}

    /** A budget limit ran out; published once per run. */
    record BudgetExhausted(String runId, long sequence, Instant at, BudgetExhaustion exhaustion)
            implements WorkflowEvent {}
}
