package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.time.Duration;

/**
 * What a run has used of its budget: a resumed run counts on from here.
 *
 * @param tokens tokens its model calls consumed
 * @param modelCalls model calls it made
 * @param elapsed time it spent running, over every session of the run
 */
public record BudgetUsage(long tokens, int modelCalls, Duration elapsed) {

    /** Nothing used yet. */
    public static final BudgetUsage NONE = new BudgetUsage(0, 0, Duration.ZERO);

    public BudgetUsage {
        Require.notNegative(tokens, "tokens");
        Require.notNegative(modelCalls, "modelCalls");
        Require.notNegative(elapsed, "elapsed");
    }
}
