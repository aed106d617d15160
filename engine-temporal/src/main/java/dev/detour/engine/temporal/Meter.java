package dev.detour.engine.temporal;

import dev.detour.core.cost.Cost;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.BudgetStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Counts what one run consumes against its budget, in workflow state: tokens, calls and the cost the
 * workers priced them at as the calls' results come back, time from the workflow's clock. Used from workflow threads only, one at a time.
 */
final class Meter {

    private final Budget budget;
    private final Supplier<Instant> clock;
    private final Instant start;
    private long tokens;
    private int calls;
    private BigDecimal cost = BigDecimal.ZERO;
    private boolean exhaustionReported;

    Meter(Budget budget, Supplier<Instant> clock) {
        this.budget = budget;
        this.clock = clock;
        this.start = clock.get();
    }

    /** Reserves one model call, or returns the limit that is used up. */
    Optional<BudgetExhaustion> tryStartCall() {
        Optional<BudgetExhaustion> exhausted = exhaustion();
        if (exhausted.isEmpty()) {
            calls++;
        }
        return exhausted;
    }

    void charge(TokenUsage usage) {
        tokens += usage.totalTokens();
    }

    /** Adds what a call cost; its unpriced part cannot be counted (a cost budget starts no unpriced model). */
    void charge(Cost spent) {
        cost = cost.add(spent.known());
    }

    BigDecimal costSpent() {
        return cost;
    }

    /** The dollars left before the cost budget is used up, if there is one; zero or less once it is. */
    Optional<BigDecimal> costLeft() {
        return budget.maxCost().map(limit -> limit.subtract(cost));
    }

    Optional<BudgetExhaustion> exhaustion() {
        if (budget.maxTokens().isPresent() && tokens >= budget.maxTokens().getAsLong()) {
            return Optional.of(new BudgetExhaustion(BudgetExhaustion.Resource.TOKENS, budget.maxTokens().getAsLong(), tokens));
        }
        if (budget.maxModelCalls().isPresent() && calls >= budget.maxModelCalls().getAsInt()) {
            return Optional.of(new BudgetExhaustion(
                    BudgetExhaustion.Resource.MODEL_CALLS, budget.maxModelCalls().getAsInt(), calls));
        }
        Optional<BigDecimal> left = costLeft();
        if (left.isPresent() && left.get().signum() <= 0) {
            return Optional.of(BudgetExhaustion.ofCost(budget.maxCost().orElseThrow(), cost));
        }
        return timeRanOut();
    }

    /** The time limit, if the run has one and it has passed. */
    Optional<BudgetExhaustion> timeRanOut() {
        if (budget.timeLimit().isEmpty() || elapsed().compareTo(budget.timeLimit().get()) < 0) {
            return Optional.empty();
        }
        return Optional.of(new BudgetExhaustion(BudgetExhaustion.Resource.TIME, budget.timeLimit().get().toMillis(),
                elapsed().toMillis()));
    }

    /** The tokens left before the token budget is used up, if there is one; zero or less once it is. */
    OptionalLong tokensLeft() {
        return budget.maxTokens().isPresent() ? OptionalLong.of(budget.maxTokens().getAsLong() - tokens) : OptionalLong.empty();
    }

    /** True the first time it is called, so the exhaustion event is published once. */
    boolean firstReportOfExhaustion() {
        boolean first = !exhaustionReported;
        exhaustionReported = true;
        return first;
    }

    /** What is left of the time limit, if the budget has one. */
    Optional<Duration> timeLeft() {
        return budget.timeLimit().map(limit -> limit.minus(elapsed()).isNegative() ? Duration.ZERO : limit.minus(elapsed()));
    }

    BudgetStatus status() {
        return new BudgetStatus(tokens, calls, elapsed(),
                budget.maxTokens().isPresent()
                        ? OptionalLong.of(Math.max(0, budget.maxTokens().getAsLong() - tokens)) : OptionalLong.empty(),
                budget.maxModelCalls().isPresent()
                        ? OptionalInt.of(Math.max(0, budget.maxModelCalls().getAsInt() - calls)) : OptionalInt.empty(),
                timeLeft(), exhaustion());
    }

    int callsUsed() {
        return calls;
    }

    private Duration elapsed() {
        Duration elapsed = Duration.between(start, clock.get());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
}
