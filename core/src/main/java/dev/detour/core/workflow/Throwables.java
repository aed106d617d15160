package dev.detour.core.workflow;

/** Rethrows what a step threw without wrapping it, so callers see the original failure. */
final class Throwables {

    private Throwables() {}

    static Exception asException(Throwable failure) {
        if (failure instanceof Exception exception) {
            return exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }
}
