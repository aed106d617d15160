package dev.detour.core.model;

import java.time.Duration;

/**
 * Hears about each attempt a chain makes while a call is in progress, or a resilient evidence source
 * while a search is, for live progress displays and event logs. The caller's thread hears them, in order.
 */
public interface AttemptListener {

    /** A listener that ignores everything. */
    AttemptListener NONE = new AttemptListener() {};

    /** An HTTP request to {@code model} is about to be made; {@code retry} is 0 for the first try. */
    default void attemptStarted(ModelRef model, int retry) {}

    /** A request to the evidence source {@code source} is about to be made; {@code retry} is 0 for the first try. */
    default void searchStarted(SourceRef source, int retry) {}

    /** An attempt (of a model or a search) succeeded, failed or was skipped. */
    default void attemptFinished(Attempt attempt) {}

    /**
     * The chain waits {@code wait} before retry number {@code retry} (1 for the first retry) of {@code model}:
     * the provider's {@code Retry-After}, or the backoff.
     */
    default void retryScheduled(ModelRef model, int retry, Duration wait) {}

    /** The chain gives up on {@code from} and goes on to {@code to}. */
    default void fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {}
}
