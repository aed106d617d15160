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
 * @param maxTokens the most tokens the run's model calls may consume in all
 * @param maxModelCalls the most model calls the run may make (a call through a chain counts once)
 * @param timeLimit how long the run may take, from its start
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
