package dev.detour.core.workflow;

import dev.detour.core.internal.Require;

/**
 * The failure of a run read back from a run store: the original exception's type and message, not the
 * exception itself. It is what {@link RunResult.Failed#failure()} holds for a stored run.
 */
public final class RecordedFailure extends RuntimeException {

    private final StepFailure failure;

    public RecordedFailure(StepFailure failure) {
        super(Require.nonNull(failure, "failure").message(), null, false, false);
        this.failure = failure;
    }

    /** The failure as it was recorded. */
    public StepFailure failure() {
        return failure;
    }
}
