package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

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

    /**
     * A model was not tried (circuit open, deadline or budget: outcome {@code SKIPPED}), or was and the run was
     * cancelled before its answer came (outcome {@code CANCELLED}).
     */
    record AttemptSkipped(String runId, long sequence, Instant at, String step, Attempt attempt)
            implements WorkflowEvent {}

    /** The chain waits {@code delay} (the provider's {@code Retry-After}, or the backoff) before retrying {@code model}. */
    record RetryScheduled(String runId, long sequence, Instant at, String step, ModelRef model, int retry, Duration delay)
            implements WorkflowEvent {}

    /** The chain went on from one model to the next. */
    record FallbackTaken(String runId, long sequence, Instant at, String step, ModelRef from, ModelRef to, String reason)
            implements WorkflowEvent {}

    /** Text already streamed from a failed model is void; the answer starts again from the next one. */
    record StreamReset(String runId, long sequence, Instant at, String step, ModelRef failedModel, ModelRef nextModel)
            implements WorkflowEvent {}

    /** A request to an evidence source is about to be sent; {@code retry} is 0 for the first try. */
    record SearchStarted(String runId, long sequence, Instant at, String step, SourceRef source, String query, int retry)
            implements WorkflowEvent {}

    /** An evidence source answered a search with {@code hits} records (perhaps none). */
    record SearchSucceeded(String runId, long sequence, Instant at, String step, String query, int hits, Attempt attempt)
            implements WorkflowEvent {

        public SearchSucceeded {
            Require.notNegative(hits, "hits");
            searchAttempt(attempt, Attempt.Outcome.SUCCEEDED);
        }

        /** The source that answered. */
        public SourceRef source() {
            return attempt.source();
        }

        /** How long the answering try took. */
        public Duration latency() {
            return attempt.duration();
        }
    }

    /** A try of a search failed, with the kind and status that decide whether it is tried again. */
    record SearchFailed(String runId, long sequence, Instant at, String step, String query, Attempt attempt)
            implements WorkflowEvent {

        public SearchFailed {
            searchAttempt(attempt, Attempt.Outcome.FAILED);
        }

        /** The source that failed. */
        public SourceRef source() {
            return attempt.source();
        }

        /** The kind of failure, if it was classified. */
        public Optional<ErrorKind> kind() {
            return attempt.kind();
        }

        /** The HTTP status of the failed response, if it had one. */
        public OptionalInt status() {
            return attempt.httpStatus();
        }

        /** The source's words, or what Detour observed, trimmed and without secrets. */
        public String message() {
            return attempt.message();
        }
    }

    /**
     * A source was not searched (circuit open, the run's deadline, or cancellation: outcome {@code SKIPPED}), or
     * was and the run was cancelled before its answer came (outcome {@code CANCELLED}).
     */
    record SearchSkipped(String runId, long sequence, Instant at, String step, String query, Attempt attempt)
            implements WorkflowEvent {

        public SearchSkipped {
            searchAttempt(attempt, Attempt.Outcome.SKIPPED, Attempt.Outcome.CANCELLED);
        }

        /** The source that was skipped. */
        public SourceRef source() {
            return attempt.source();
        }
    }

    /**
     * A model's answer cited evidence its step had not given it, so the answer was refused as a
     * MalformedResponse of that model; the chain retries once, then falls back.
     *
     * @param evidenceGiven how many items the step gave, numbered from 1
     * @param rejected the numbers cited that name none of them
     */
    record CitationRejected(String runId, long sequence, Instant at, String step, ModelRef model, int evidenceGiven,
            List<Integer> rejected) implements WorkflowEvent {

        public CitationRejected {
            Require.notNegative(evidenceGiven, "evidenceGiven");
            rejected = List.copyOf(Require.nonNull(rejected, "rejected"));
        }
    }

    /** A budget limit ran out; published once per run. */
    record BudgetExhausted(String runId, long sequence, Instant at, BudgetExhaustion exhaustion)
            implements WorkflowEvent {}

    private static void searchAttempt(Attempt attempt, Attempt.Outcome... outcomes) {
        Require.nonNull(attempt, "attempt");
        if (!attempt.isSearch() || !java.util.List.of(outcomes).contains(attempt.outcome())) {
            throw new IllegalArgumentException("the event needs a " + java.util.List.of(outcomes).stream()
                    .map(Enum::name).collect(java.util.stream.Collectors.joining(" or ")) + " search attempt, was "
                    + attempt.describe());
        }
    }
}
