package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.secret.Redaction;
import java.util.Optional;

/**
 * Why a step ended without an output, as a plain value a run record can keep.
 *
 * @param status failed, cancelled or budget exhausted
 * @param type the simple class name of the exception
 * @param message what went wrong, free of secrets
 * @param kind the model error's kind, when a single model error ended the step
 */
public record StepFailure(RunStatus status, String type, String message, Optional<ErrorKind> kind) {

    private static final int MAX_MESSAGE_LENGTH = 4000;

    public StepFailure {
        Require.nonNull(status, "status");
        Require.nonNull(type, "type");
        Require.nonNull(message, "message");
        Require.nonNull(kind, "kind");
        if (status == RunStatus.COMPLETED) {
            throw new IllegalArgumentException("a failure's status must not be COMPLETED");
        }
    }

    /** The failure {@code failure} ended a step with, in {@code status}: its kind if it was one model's error. */
    public static StepFailure of(RunStatus status, Throwable failure) {
        Optional<ErrorKind> kind = failure instanceof ModelCallException modelError
                ? Optional.of(modelError.kind())
                : Optional.empty();
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (!(failure instanceof AllModelsFailedError)) {
            message = Redaction.redactAndTrim(message, MAX_MESSAGE_LENGTH);
        }
        return new StepFailure(status, failure.getClass().getSimpleName(), message, kind);
    }
}
