package dev.detour.core.workflow;

import dev.detour.core.internal.Require;

/**
 * A step asked for a model call after the run's budget ran out, so no call was made; or the run's time
 * limit passed while the call was under way, so it was given up (its attempts are in the step's record,
 * and what ended it is the {@linkplain #getCause() cause}).
 *
 * <p>Workflows react to it rather than crash: {@link Workflow#loopUntil loops} stop and return their
 * last state, a step may catch it and work with what it has, and a run it escapes from ends as
 * {@link RunResult.BudgetExhausted}, with its record intact.
 */
public final class BudgetExhaustedException extends RuntimeException {

    private final BudgetExhaustion exhaustion;

    public BudgetExhaustedException(BudgetExhaustion exhaustion) {
        this(exhaustion, null);
    }

    /** The limit {@code exhaustion} ran out during a call, which ended with {@code cause}. */
    public BudgetExhaustedException(BudgetExhaustion exhaustion, Throwable cause) {
        super(Require.nonNull(exhaustion, "exhaustion").describe() + "; no further model call is made in this run",
                cause);
        this.exhaustion = exhaustion;
    }

    /** Which limit ran out. */
    public BudgetExhaustion exhaustion() {
        return exhaustion;
    }
}
