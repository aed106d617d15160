package dev.detour.app.config;

import dev.detour.core.internal.Require;

/**
 * Defaults for research runs.
 *
 * @param maxIterations the most judge-and-refine rounds
 * @param tokenBudget the most tokens one run may consume
 * @param parallelism the most sub-questions investigated at once
 */
public record WorkflowConfig(int maxIterations, long tokenBudget, int parallelism) {

    public WorkflowConfig {
        Require.positive(maxIterations, "maxIterations");
        Require.positive(tokenBudget, "tokenBudget");
        Require.positive(parallelism, "parallelism");
    }

    /** Three rounds, 50,000 tokens, four sub-questions at once. */
    public static WorkflowConfig defaults() {
        return new WorkflowConfig(3, 50_000, 4);
    }
}
