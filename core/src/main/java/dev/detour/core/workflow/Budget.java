package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The limits of one run: tokens, model calls and wall-clock time. Running out is an outcome a workflow
 * can react to (see {@link BudgetExhaustedException}), not a crash. An empty limit means unlimited.
 *
 * <p>The token budget is checked before each model call, and each call may generate at most the tokens
 * left when it starts (its {@code maxOutputTokens} is lowered to that). Calls already under way when it runs
 * out are not cut off, so a run can end above {@code maxTokens}: by at most, for each call that was under way,
 * its prompt tokens plus the tokens that were left when it started. With {@code n} calls in parallel that is
 * at most {@code n × (prompt + tokens left)}; a provider that ignores the output limit can exceed even that.
 * Tokens that failed attempts consumed, as their providers reported them, are charged like an answer's.
 *
 * @param maxTokens the most tokens the run's model calls may consume in all (see above for calls in flight)
 * @param maxModelCalls the most model calls the run may make (a call through a chain counts once)
 * <p>The cost budget counts dollars at the engine's {@link dev.detour.core.cost.Pricing prices}, exactly. It
 * is checked before each model call like the token budget, and the chain starts no attempt whose worst case
 * (its prompt's UTF-8 bytes as tokens, plus its output limit, at the model's price) exceeds what is left; a
 * model with no price is not started at all under a cost budget. Calls under way when it runs out finish, so a
 * run can end above it by at most the worst cases of the calls that were under way.
 *
 * @param timeLimit how long the run may take, from its start; a call under way when it passes ends the
 *     call as an exhausted budget, not as a failure of its models
 * @param maxCost the most dollars the run's model calls may cost, exactly
 */
public record Budget(OptionalLong maxTokens, OptionalInt maxModelCalls, Optional<Duration> timeLimit, Optional<BigDecimal> maxCost) {

    private static final Budget UNLIMITED = new Budget(OptionalLong.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());

    public Budget {
        Require.nonNull(maxTokens, "maxTokens");
        Require.nonNull(maxModelCalls, "maxModelCalls");
        Require.nonNull(timeLimit, "timeLimit");
        maxTokens.ifPresent(value -> Require.positive(value, "maxTokens"));
        maxModelCalls.ifPresent(value -> Require.positive(value, "maxModelCalls"));
        timeLimit.ifPresent(value -> Require.positive(value, "timeLimit"));
        Require.nonNull(maxCost, "maxCost");
        maxCost.ifPresent(value -> {
            if (value.signum() <= 0) {
                throw new IllegalArgumentException("maxCost must be positive, was " + value.toPlainString());
            }
        });
    }

    /** Limits of tokens, calls and time, with no cost budget. */
    public Budget(OptionalLong maxTokens, OptionalInt maxModelCalls, Optional<Duration> timeLimit) {
        this(maxTokens, maxModelCalls, timeLimit, Optional.empty());
    }

    /** No limit at all. */
    public static Budget unlimited() {
        return UNLIMITED;
    }

    public Budget withMaxTokens(long value) {
        return new Budget(OptionalLong.of(value), maxModelCalls, timeLimit, maxCost);
    }

    public Budget withMaxModelCalls(int value) {
        return new Budget(maxTokens, OptionalInt.of(value), timeLimit, maxCost);
    }

    public Budget withTimeLimit(Duration value) {
        return new Budget(maxTokens, maxModelCalls, Optional.of(Require.nonNull(value, "timeLimit")), maxCost);
    }

    /** This budget with at most {@code dollars} of model calls, such as {@code new BigDecimal("0.50")}. */
    public Budget withMaxCost(BigDecimal dollars) {
        return new Budget(maxTokens, maxModelCalls, timeLimit, Optional.of(Require.nonNull(dollars, "maxCost")));
    }
}
