package dev.detour.core.workflow;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A snapshot of what a run has used and what is left of its budget.
 *
 * @param tokensUsed tokens consumed so far
 * @param modelCallsUsed model calls made so far
 * @param elapsed time since the run started
 * @param tokensLeft tokens left, if the budget limits them
 * @param modelCallsLeft calls left, if the budget limits them
 * @param timeLeft time left, if the budget limits it
 * @param exhaustion the first limit found used up, if any
 */
public record BudgetStatus(
        long tokensUsed,
        int modelCallsUsed,
        Duration elapsed,
        OptionalLong tokensLeft,
        OptionalInt modelCallsLeft,
        Optional<Duration> timeLeft,
        Optional<BudgetExhaustion> exhaustion) {

    /** Whether any limit is used up. */
    public boolean isExhausted() {
        return exhaustion.isPresent();
    }
}
