package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
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
 * @param timeLimit how long the run may take, from its start; a call under way when it passes ends the
 *     call as an exhausted budget, not as a failure of its models
 */
public record Budget(OptionalLong maxTokens, OptionalInt maxModelCalls, Optional<Duration> timeLimit) {

    private static final Budget UNLIMITED = new Budget(OptionalLong.empty(), OptionalInt.empty(), Optional.empty());

    public Budget {
        Require.nonNull(maxTokens, "maxTokens");
        Require.nonNull(maxModelCalls, "maxModelCalls");
        Require.nonNull(timeLimit, "timeLimit");
        maxTokens.ifPresent(value -> Require.positive(value, "maxTokens"));
        maxModelCalls.ifPresent(value -> Require.positive(value, "maxModelCalls"));
        timeLimit.ifPresent(value -> Require.positive(value, "timeLimit"));
    }

    /** No limit at all. */
    public static Budget unlimited() {
        return UNLIMITED;
    }

    public Budget withMaxTokens(long value) {
        return new Budget(OptionalLong.of(value), maxModelCalls, timeLimit);
    }

    public Budget withMaxModelCalls(int value) {
        return new Budget(maxTokens, OptionalInt.of(value), timeLimit);
    }

    public Budget withTimeLimit(Duration value) {
        return new Budget(maxTokens, maxModelCalls, Optional.of(Require.nonNull(value, "timeLimit")));
    }
}
