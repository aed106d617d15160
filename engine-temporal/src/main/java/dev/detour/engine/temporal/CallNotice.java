package dev.detour.engine.temporal;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something the resilience chain told its listeners during a call on the worker, kept so the workflow
 * announces it as the embedded engine would: an attempt starting or ending, a fallback, a stream reset.
 *
 * @param kind what happened
 * @param at when, on the worker's clock
 * @param model the model it is about (for a fallback or reset, the one left)
 * @param retry the attempt's retry number, for a start
 * @param attempt the attempt, for an end or a fallback (the last attempt of the model left)
 * @param next the model gone on to, for a fallback or reset
 * @param evidenceGiven how many evidence records the request gave, for a rejected citation
 * @param rejected the citation numbers an answer gave that the request had no evidence for
 * @param delay the wait before a scheduled retry
 */
public record CallNotice(Kind kind, Instant at, ModelRef model, int retry, Optional<Attempt> attempt, Optional<ModelRef> next,
        int evidenceGiven, List<Integer> rejected, Optional<Duration> delay) {

    /** The notices an {@link dev.detour.core.model.AttemptListener}, a stream listener and a citation rule give. */
    public enum Kind { ATTEMPT_STARTED, ATTEMPT_FINISHED, RETRY_SCHEDULED, FALLBACK_TAKEN, STREAM_RESET, CITATION_REJECTED }

    public CallNotice {
        rejected = List.copyOf(rejected);
    }

    private CallNotice(Kind kind, Instant at, ModelRef model, int retry, Optional<Attempt> attempt, Optional<ModelRef> next) {
        this(kind, at, model, retry, attempt, next, 0, List.of(), Optional.empty());
    }

    static CallNotice started(Instant at, ModelRef model, int retry) {
        return new CallNotice(Kind.ATTEMPT_STARTED, at, model, retry, Optional.empty(), Optional.empty());
    }

    static CallNotice finished(Instant at, Attempt attempt) {
        return new CallNotice(Kind.ATTEMPT_FINISHED, at, attempt.model(), attempt.retry(), Optional.of(attempt), Optional.empty());
    }

    static CallNotice fallback(Instant at, ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {
        return new CallNotice(Kind.FALLBACK_TAKEN, at, from, lastAttemptOfFrom.retry(), Optional.of(lastAttemptOfFrom),
                Optional.of(to));
    }

    static CallNotice citationsRejected(Instant at, ModelRef model, int evidenceGiven, List<Integer> rejected) {
        return new CallNotice(Kind.CITATION_REJECTED, at, model, 0, Optional.empty(), Optional.empty(), evidenceGiven, rejected,
                Optional.empty());
    }

    static CallNotice retryScheduled(Instant at, ModelRef model, int retry, Duration delay) {
        return new CallNotice(Kind.RETRY_SCHEDULED, at, model, retry, Optional.empty(), Optional.empty(), 0, List.of(),
                Optional.of(delay));
    }

    static CallNotice reset(Instant at, ModelRef failedModel, ModelRef nextModel) {
        return new CallNotice(Kind.STREAM_RESET, at, failedModel, 0, Optional.empty(), Optional.of(nextModel));
    }
}
