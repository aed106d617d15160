package dev.detour.core.workflow;

import dev.detour.core.internal.Require;

/**
 * A step asked for a model call after the run's budget ran out. No call was made.
 *
 * <p>Workflows react to it rather than crash: {@link Workflow#loopUntil loops} stop and return their
 * last state, a step may catch it and work with what it has, and a run it escapes from ends as
 * {@link RunResult.BudgetExhausted}, with its record intact.
 */
public final class BudgetExhaustedException extends RuntimeException {

    private final BudgetExhaustion exhaustion;

    public BudgetExhaustedException(BudgetExhaustion exhaustion) {
        super(Require.nonNull(exhaustion, "exhaustion").describe() + "; no further model call is made in this run");
        this.exhaustion = exhaustion;
    }

    /** Which limit ran out. */
    public BudgetExhaustion exhaustion() {
        return exhaustion;
    }
}
