package dev.detour.core.workflow;

import dev.detour.core.cost.Cost;
import dev.detour.core.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what one run consumes against its budget; safe to use from parallel steps. */
final class BudgetMeter {

    private final Budget budget;
    private final Clock clock;
    private final Instant start;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean exhaustionReported = new AtomicBoolean();
    private BigDecimal cost = BigDecimal.ZERO;

    /** A meter for a run that has already used {@code spent}, in earlier sessions if it is resumed. */
    BudgetMeter(Budget budget, Clock clock, BudgetUsage spent) {
        this.budget = budget;
        this.clock = clock;
        this.start = clock.instant().minus(spent.elapsed());
        tokens.set(spent.tokens());
        calls.set(spent.modelCalls());
    }

    Optional<Instant> deadline() {
        return budget.timeLimit().map(start::plus);
    }

    /**
     * Reserves one model call, or returns the limit that is used up. A reservation is counted even if
     * the call then fails, because the call was made.
     */
    Optional<BudgetExhaustion> tryStartCall() {
        Optional<BudgetExhaustion> exhausted = exhaustion();
        if (exhausted.isPresent()) {
            return exhausted;
        }
        if (budget.maxModelCalls().isPresent()) {
            int limit = budget.maxModelCalls().getAsInt();
            int before = calls.getAndUpdate(used -> used < limit ? used + 1 : used);
            if (before >= limit) {
                return Optional.of(new BudgetExhaustion(BudgetExhaustion.Resource.MODEL_CALLS, limit, before));
            }
        } else {
            calls.incrementAndGet();
        }
        return Optional.empty();
    }

    /** The tokens left before the token budget is used up, if there is one; zero or less once it is. */
    OptionalLong tokensLeft() {
        return budget.maxTokens().isPresent()
                ? OptionalLong.of(budget.maxTokens().getAsLong() - tokens.get())
                : OptionalLong.empty();
    }

    /** The time limit, if the run has one and it has passed. */
    Optional<BudgetExhaustion> timeRanOut() {
        if (budget.timeLimit().isEmpty()) {
            return Optional.empty();
        }
        Duration elapsed = elapsed();
        return elapsed.compareTo(budget.timeLimit().get()) >= 0
                ? Optional.of(new BudgetExhaustion(
                        BudgetExhaustion.Resource.TIME, budget.timeLimit().get().toMillis(), elapsed.toMillis()))
                : Optional.empty();
    }

    void charge(TokenUsage usage) {
        tokens.addAndGet(usage.totalTokens());
    }

    /** Adds what a call cost; its unpriced part cannot be counted (a cost budget starts no unpriced model). */
    synchronized void charge(Cost spent) {
        cost = cost.add(spent.known());
    }

    synchronized BigDecimal costSpent() {
        return cost;
    }

    /** The dollars left before the cost budget is used up, if there is one; zero or less once it is. */
    synchronized Optional<BigDecimal> costLeft() {
        return budget.maxCost().map(limit -> limit.subtract(cost));
    }

    Optional<BudgetExhaustion> exhaustion() {
        if (budget.maxTokens().isPresent() && tokens.get() >= budget.maxTokens().getAsLong()) {
            return Optional.of(new BudgetExhaustion(
                    BudgetExhaustion.Resource.TOKENS, budget.maxTokens().getAsLong(), tokens.get()));
        }
        if (budget.maxModelCalls().isPresent() && calls.get() >= budget.maxModelCalls().getAsInt()) {
            return Optional.of(new BudgetExhaustion(
                    BudgetExhaustion.Resource.MODEL_CALLS, budget.maxModelCalls().getAsInt(), calls.get()));
        }
        Optional<BigDecimal> left = costLeft();
        if (left.isPresent() && left.get().signum() <= 0) {
            return Optional.of(BudgetExhaustion.ofCost(budget.maxCost().orElseThrow(), costSpent()));
        }
        return timeRanOut();
    }

    /** True the first time it is called for a run whose budget is exhausted, so the event is published once. */
    boolean firstReportOfExhaustion() {
        return exhaustionReported.compareAndSet(false, true);
    }

    BudgetStatus status() {
        Duration elapsed = elapsed();
        return new BudgetStatus(
                tokens.get(),
                calls.get(),
                elapsed,
                budget.maxTokens().isPresent()
                        ? OptionalLong.of(Math.max(0, budget.maxTokens().getAsLong() - tokens.get()))
                        : OptionalLong.empty(),
                budget.maxModelCalls().isPresent()
                        ? OptionalInt.of(Math.max(0, budget.maxModelCalls().getAsInt() - calls.get()))
                        : OptionalInt.empty(),
                budget.timeLimit().map(limit -> limit.minus(elapsed).isNegative() ? Duration.ZERO : limit.minus(elapsed)),
                exhaustion());
    }

    int callsUsed() {
        return calls.get();
    }

    BudgetUsage usage() {
        return new BudgetUsage(tokens.get(), calls.get(), elapsed());
    }

    private Duration elapsed() {
        Duration elapsed = Duration.between(start, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
}
