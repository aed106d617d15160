package dev.detour.core.cost;

import dev.detour.core.internal.Require;
import dev.detour.core.model.TokenUsage;
import java.math.BigDecimal;

/**
 * What one model charges, in dollars per million tokens of prompt and of answer (kept without trailing zeros,
 * so {@code 0.60} and {@code 0.6} are the same price).
 *
 * @param inputPerMillion dollars per million prompt tokens, zero or more
 * @param outputPerMillion dollars per million answer tokens, zero or more
 */
public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

    public Price {
        Require.nonNull(inputPerMillion, "inputPerMillion");
        Require.nonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative, were " + inputPerMillion.toPlainString()
                    + " and " + outputPerMillion.toPlainString());
        }
        inputPerMillion = inputPerMillion.stripTrailingZeros();
        outputPerMillion = outputPerMillion.stripTrailingZeros();
    }

    /** The exact cost of {@code usage}: prompt tokens at the input price plus answer tokens at the output price. */
    public BigDecimal costOf(TokenUsage usage) {
        Require.nonNull(usage, "usage");
        return costOf(usage.promptTokens(), usage.completionTokens());
    }

    /** The exact cost of {@code promptTokens} and {@code completionTokens}, with no rounding. */
    public BigDecimal costOf(long promptTokens, long completionTokens) {
        Require.notNegative(promptTokens, "promptTokens");
        Require.notNegative(completionTokens, "completionTokens");
        return inputPerMillion.multiply(BigDecimal.valueOf(promptTokens))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(completionTokens)))
                .movePointLeft(6)
                .stripTrailingZeros();
    }
}
