package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.SkipReason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Which limit of a run's budget ran out, and how far.
 *
 * @param resource the limit that ran out
 * @param limit the limit (tokens, calls, or milliseconds)
 * @param used how much was used when it was noticed
 */
public record BudgetExhaustion(Resource resource, long limit, long used) {

    /** The limits a budget has. */
    public enum Resource {
        TOKENS("token budget", "tokens"),
        MODEL_CALLS("model-call budget", "calls"),
        TIME("time limit", "ms"),
        /** Dollars, counted in nanodollars (10<sup>-9</sup> $) here; the run's meter itself counts exactly. */
        COST("cost budget", "nanodollars");

        private final String description;
        private final String unit;

        Resource(String description, String unit) {
            this.description = description;
            this.unit = unit;
        }

        /** The limit's name in a sentence, such as {@code token budget}. */
        public String description() {
            return description;
        }

        /** The unit of {@link BudgetExhaustion#limit()} and {@link BudgetExhaustion#used()}. */
        public String unit() {
            return unit;
        }
    }

    /** A cost budget of {@code limit} dollars used up by {@code used} dollars, in nanodollars (used rounded up). */
    public static BudgetExhaustion ofCost(BigDecimal limit, BigDecimal used) {
        return new BudgetExhaustion(Resource.COST, nanodollars(limit), nanodollars(used));
    }

    /**
     * The cost budget as used up when {@code failure} is a call whose chain started no model because each one's
     * worst case exceeded the {@code left} of it, {@code spent} already spent: the run ran out of money, its
     * models did not fail. Empty for any other failure, and for a run without a cost budget.
     */
    public static Optional<BudgetExhaustion> ofCostRefusal(Throwable failure, Optional<BigDecimal> left, BigDecimal spent) {
        if (!(failure instanceof AllModelsFailedError allFailed) || left.isEmpty()
                || allFailed.attempts().stream().noneMatch(attempt -> attempt.skipReason().orElse(null) == SkipReason.COST_BUDGET)) {
            return Optional.empty();
        }
        return Optional.of(ofCost(left.get().add(spent), spent));
    }

    private static long nanodollars(BigDecimal dollars) {
        return dollars.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static String dollars(long nanodollars) {
        BigDecimal amount = BigDecimal.valueOf(nanodollars, 9).stripTrailingZeros();
        return "$" + (amount.scale() < 2 ? amount.setScale(2) : amount).toPlainString();
    }

    public BudgetExhaustion {
        Require.nonNull(resource, "resource");
    }

    /** A sentence such as {@code token budget exhausted: 50312 of 50000 tokens used}. */
    public String describe() {
        if (resource == Resource.COST) {
            return resource.description() + " exhausted: " + dollars(used) + " of " + dollars(limit) + " used";
        }
        return resource.description() + " exhausted: " + used + " of " + limit + " " + resource.unit() + " used";
    }
}
