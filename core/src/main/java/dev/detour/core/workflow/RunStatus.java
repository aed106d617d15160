package dev.detour.core.workflow;

/** How a run, or one of its steps, ended. */
public enum RunStatus {
    /** It ran and produced its output. */
    COMPLETED,
    /** It failed; the failure says why. */
    FAILED,
    /** It was cancelled. */
    CANCELLED,
    /** Its budget ran out. */
    BUDGET_EXHAUSTED
}
