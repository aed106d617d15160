package dev.detour.app.config;

import java.math.BigDecimal;
import java.util.Optional;
import dev.detour.core.internal.Require;

/**
 * Defaults for research runs.
 *
 * @param maxIterations the most judge-and-refine rounds
 * @param tokenBudget the most tokens one run may consume
 * @param parallelism the most sub-questions investigated at once
 * @param costBudget the most dollars one run may cost, if limited
 */
public record WorkflowConfig(int maxIterations, long tokenBudget, int parallelism, Optional<BigDecimal> costBudget) {

    public WorkflowConfig {
        Require.positive(maxIterations, "maxIterations");
        Require.positive(tokenBudget, "tokenBudget");
        Require.positive(parallelism, "parallelism");
        Require.nonNull(costBudget, "costBudget");
    }

    /** Defaults with no cost budget. */
    public WorkflowConfig(int maxIterations, long tokenBudget, int parallelism) {
        this(maxIterations, tokenBudget, parallelism, Optional.empty());
    }

    /** Three rounds, 50,000 tokens, four sub-questions at once. */
    public static WorkflowConfig defaults() {
        return new WorkflowConfig(3, 50_000, 4);
    }
}
