package dev.detour.engine.temporal;

import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.workflow.RecordedFailure;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepFailure;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * A failure as plain values, so it crosses from worker to workflow and from workflow to client and is
 * thrown there as the same exception: an {@link AllModelsFailedError} with its every attempt, a
 * {@link ModelCallException} of its kind, a cancellation, or anything else by its type and message.
 *
 * @param kind which of those it is
 * @param type the simple class name of the original exception
 * @param message its message
 * @param modelFailure the model error, or the last one of all models failing
 * @param attempts every attempt, for all models failing
 * @param usage the tokens the failed tries consumed, for all models failing
 */
public record FailureFacts(Kind kind, String type, String message, Optional<ModelFailureFacts> modelFailure,
        List<Attempt> attempts, TokenUsage usage) {

    /** What to build again. */
    public enum Kind { ALL_MODELS_FAILED, MODEL_CALL, CANCELLED, OTHER }

    static FailureFacts of(Throwable failure) {
        String type = failure.getClass().getSimpleName();
        String message = failure.getMessage() == null ? type : failure.getMessage();
        return switch (failure) {
            case AllModelsFailedError all -> new FailureFacts(Kind.ALL_MODELS_FAILED, type, message,
                    all.lastFailure().filter(ModelCallException.class::isInstance).map(ModelCallException.class::cast)
                            .map(ModelFailureFacts::of),
                    all.attempts(), all.usage());
            case ModelCallException model -> new FailureFacts(Kind.MODEL_CALL, type, message,
                    Optional.of(ModelFailureFacts.of(model)), List.of(), TokenUsage.NONE);
            case CancellationException cancelled -> new FailureFacts(Kind.CANCELLED, type, message, Optional.empty(), List.of(), TokenUsage.NONE);
            case RecordedFailure recorded -> new FailureFacts(Kind.OTHER, recorded.failure().type(), message,
                    Optional.empty(), List.of(), TokenUsage.NONE);
            default -> new FailureFacts(Kind.OTHER, type, message, Optional.empty(), List.of(), TokenUsage.NONE);
        };
    }

    /** The failure built again: the same class for Detour's model failures, a {@link RecordedFailure} otherwise. */
    RuntimeException exception() {
        return switch (kind) {
            case ALL_MODELS_FAILED -> new AllModelsFailedError(attempts,
                    modelFailure.map(ModelFailureFacts::exception).orElse(null), usage);
            case MODEL_CALL -> modelFailure.orElseThrow().exception();
            case CANCELLED -> new CancellationException(message);
            case OTHER -> new RecordedFailure(new StepFailure(RunStatus.FAILED, type, message, Optional.empty()));
        };
    }
}
