package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import java.time.Duration;
import java.util.List;

/**
 * The events one step announces about its model calls and searches, made the same way by every engine
 * (in this process or on Temporal), each numbered and timed by the engine that publishes it.
 *
 * @param runId the run the step belongs to
 * @param step the step's path
 */
public record StepEvents(String runId, String step) {

    public StepEvents {
        Require.nonBlank(runId, "runId");
        Require.nonNull(step, "step");
    }

    public EventFactory attemptStarted(ModelRef model, int retry) {
        return (sequence, at) -> new WorkflowEvent.AttemptStarted(runId, sequence, at, step, model, retry);
    }

    /** An attempt that ended: succeeded, failed, or skipped (a cancelled one is announced as skipped). */
    public EventFactory attemptFinished(Attempt attempt) {
        return (sequence, at) -> switch (attempt.outcome()) {
            case SUCCEEDED -> new WorkflowEvent.AttemptSucceeded(runId, sequence, at, step, attempt);
            case FAILED -> new WorkflowEvent.AttemptFailed(runId, sequence, at, step, attempt);
            case CANCELLED, SKIPPED -> new WorkflowEvent.AttemptSkipped(runId, sequence, at, step, attempt);
        };
    }

    public EventFactory retryScheduled(ModelRef model, int retry, Duration wait) {
        return (sequence, at) -> new WorkflowEvent.RetryScheduled(runId, sequence, at, step, model, retry, wait);
    }

    public EventFactory fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {
        return (sequence, at) -> new WorkflowEvent.FallbackTaken(runId, sequence, at, step, from, to,
                lastAttemptOfFrom.shortReason());
    }

    public EventFactory streamReset(ModelRef failedModel, ModelRef nextModel) {
        return (sequence, at) -> new WorkflowEvent.StreamReset(runId, sequence, at, step, failedModel, nextModel);
    }

    public EventFactory citationRejected(ModelRef model, int evidenceGiven, List<Integer> rejected) {
        return (sequence, at) -> new WorkflowEvent.CitationRejected(runId, sequence, at, step, model, evidenceGiven, rejected);
    }

    public EventFactory searchStarted(SourceRef source, String query, int retry) {
        return (sequence, at) -> new WorkflowEvent.SearchStarted(runId, sequence, at, step, source, query, retry);
    }

    /**
     * A try of a search that ended without its answer: failed, or skipped (a cancelled one is announced as
     * skipped).
     *
     * @throws IllegalArgumentException for a try that succeeded: announce it with {@link #searchSucceeded}
     */
    public EventFactory searchNotAnswered(String query, Attempt attempt) {
        return switch (attempt.outcome()) {
            case FAILED -> (sequence, at) -> new WorkflowEvent.SearchFailed(runId, sequence, at, step, query, attempt);
            case CANCELLED, SKIPPED -> (sequence, at) -> new WorkflowEvent.SearchSkipped(runId, sequence, at, step, query, attempt);
            case SUCCEEDED -> throw new IllegalArgumentException("the search try succeeded; announce it with searchSucceeded");
        };
    }

    public EventFactory searchSucceeded(String query, int hits, Attempt answered) {
        return (sequence, at) -> new WorkflowEvent.SearchSucceeded(runId, sequence, at, step, query, hits, answered);
    }
}
