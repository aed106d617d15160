package dev.detour.core.model;

import java.util.Set;

/**
 * A model call did not produce an answer: either one model failed ({@link ModelCallException}, from an
 * adapter) or every model of a chain did ({@link AllModelsFailedError}, from the fallback chain).
 * Catch this type to handle both; catch a subclass only when you want to treat one of them differently.
 */
public abstract sealed class ModelFailure extends RuntimeException
        permits ModelCallException, AllModelsFailedError {

    ModelFailure(Throwable cause) {
        super(null, cause);
    }

    /** The kinds of failure behind this one, in order of first appearance; empty when every try was a skip. */
    public abstract Set<ErrorKind> kinds();

    /**
     * The tokens the failed tries consumed as their providers reported them (say a 200 whose answer was empty
     * or did not decode); {@link TokenUsage#NONE} when none reported any. Budgets charge them like an answer's.
     */
    public abstract TokenUsage usage();
}
