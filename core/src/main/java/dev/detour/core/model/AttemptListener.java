package dev.detour.core.model;

/**
 * Hears about each attempt a chain makes while a call is in progress, for live progress displays and
 * event logs. The chain calls it from the calling thread, in order.
 */
public interface AttemptListener {

    /** A listener that ignores everything. */
    AttemptListener NONE = new AttemptListener() {};

    /** An HTTP request to {@code model} is about to be made; {@code retry} is 0 for the first try. */
    default void attemptStarted(ModelRef model, int retry) {}

    /** An attempt succeeded, failed or was skipped. */
    default void attemptFinished(Attempt attempt) {}

    /** The chain gives up on {@code from} and goes on to {@code to}. */
    default void fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {}
}
