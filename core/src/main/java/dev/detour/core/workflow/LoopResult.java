package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.Optional;

/**
 * What a {@link Workflow#loopUntil loop} ended with: its last complete state, how many iterations
 * completed, and why it stopped.
 *
 * @param state the state after the last iteration that completed (the input if none did)
 * @param iterations how many iterations completed
 * @param stopReason why the loop stopped
 * @param exhaustion which budget limit ran out, when that is why
 */
public record LoopResult<S>(S state, int iterations, StopReason stopReason, Optional<BudgetExhaustion> exhaustion) {

    /** Why a loop stopped. */
    public enum StopReason {
        /** The stop condition held after an iteration. */
        CONDITION_MET,
        /** The loop ran its maximum number of iterations. */
        MAX_ITERATIONS,
        /** The run's budget ran out; the state is the last one completed before that. */
        BUDGET_EXHAUSTED
    }

    public LoopResult {
        Require.notNegative(iterations, "iterations");
        Require.nonNull(stopReason, "stopReason");
        Require.nonNull(exhaustion, "exhaustion");
        if ((stopReason == StopReason.BUDGET_EXHAUSTED) != exhaustion.isPresent()) {
            throw new IllegalArgumentException(
                    "exhaustion must be present exactly when stopReason is BUDGET_EXHAUSTED, was " + exhaustion);
        }
    }
}
