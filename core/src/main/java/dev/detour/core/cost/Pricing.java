package dev.detour.core.cost;

import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The price of each model, as configured: there are no built-in prices, so a model not listed here has an
 * unknown cost, never a zero one.
 *
 * @param prices the price of each priced model
 */
public record Pricing(Map<ModelRef, Price> prices) {

    private static final Pricing NONE = new Pricing(Map.of());

    public Pricing {
        prices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull(prices, "prices")));
    }

    /** No model priced. */
    public static Pricing none() {
        return NONE;
    }

    /** The price of {@code model}, if it has one. */
    public Optional<Price> price(ModelRef model) {
        return Optional.ofNullable(prices.get(Require.nonNull(model, "model")));
    }

    /** What {@code usage} of {@code model} cost; unknown for an unpriced model that consumed tokens. */
    public Cost costOf(ModelRef model, TokenUsage usage) {
        Require.nonNull(usage, "usage");
        if (usage.promptTokens() == 0 && usage.completionTokens() == 0) {
            return Cost.ZERO;
        }
        return price(model).map(price -> Cost.of(price.costOf(usage))).orElse(Cost.UNKNOWN);
    }

    /**
     * What {@code attempt} cost, from the tokens its provider reported: a skip, or a failure that reported no
     * tokens, costs nothing, and so does a search; an answer whose tokens were not reported has an unknown cost,
     * like an unpriced model's.
     */
    public Cost costOf(Attempt attempt) {
        Require.nonNull(attempt, "attempt");
        if (attempt.isSearch()) {
            return Cost.ZERO;
        }
        if (attempt.outcome() == Attempt.Outcome.SUCCEEDED && attempt.usage().equals(TokenUsage.NONE)) {
            return Cost.UNKNOWN;
        }
        return attempt.outcome() == Attempt.Outcome.SKIPPED ? Cost.ZERO : costOf(attempt.model(), attempt.usage());
    }

    /** What {@code attempts} cost together. */
    public Cost costOf(Collection<Attempt> attempts) {
        Require.nonNull(attempts, "attempts");
        Cost total = Cost.ZERO;
        for (Attempt attempt : attempts) {
            total = total.plus(costOf(attempt));
        }
        return total;
    }
}
