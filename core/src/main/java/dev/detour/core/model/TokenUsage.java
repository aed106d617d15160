package dev.detour.core.model;

import dev.detour.core.internal.Require;

/**
 * Tokens a model call consumed, as the provider reported them; all zero when it reported none.
 *
 * @param promptTokens tokens of the request
 * @param completionTokens tokens of the answer
 * @param totalTokens what the provider counted in all (usually the sum)
 */
public record TokenUsage(long promptTokens, long completionTokens, long totalTokens) {

    /** No tokens, or none reported. */
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    public TokenUsage {
        Require.notNegative(promptTokens, "promptTokens");
        Require.notNegative(completionTokens, "completionTokens");
        Require.notNegative(totalTokens, "totalTokens");
    }

    /** Usage whose total is the sum of its parts. */
    public static TokenUsage of(long promptTokens, long completionTokens) {
        return new TokenUsage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** The usage of this call and {@code other} together. */
    public TokenUsage plus(TokenUsage other) {
        Require.nonNull(other, "other");
        if (other.equals(NONE)) {
            return this;
        }
        if (equals(NONE)) {
            return other;
        }
        return new TokenUsage(
                promptTokens + other.promptTokens,
                completionTokens + other.completionTokens,
                totalTokens + other.totalTokens);
    }
}
