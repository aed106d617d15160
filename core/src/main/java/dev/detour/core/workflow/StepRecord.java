package dev.detour.core.workflow;

import dev.detour.core.cost.Cost;
import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one execution of one step did: its input and output, timing, tokens, every model and search
 * attempt, and the failure if it had one.
 *
 * @param location where the step sits in the run, such as {@code investigate[2]/answer}
 * @param input what it was given
 * @param output what it returned, if it completed
 * @param start when it began
 * @param duration how long it ran
 * @param tokens tokens its model calls consumed
 * @param attempts every model and search attempt it made, skips included, in the order they ended
 * @param status how it ended
 * @param failure why it ended without an output
 */
public record StepRecord(
        StepPath location,
        Object input,
        Optional<Object> output,
        Instant start,
        Duration duration,
        TokenUsage tokens,
        List<Attempt> attempts,
        RunStatus status,
        Optional<StepFailure> failure) {

    public StepRecord {
        Require.nonNull(location, "location");
        if (location.segments().isEmpty()) {
            throw new IllegalArgumentException("location must name the step, was the root path");
        }
        Require.nonNull(output, "output");
        Require.nonNull(start, "start");
        Require.notNegative(duration, "duration");
        Require.nonNull(tokens, "tokens");
        attempts = List.copyOf(Require.nonNull(attempts, "attempts"));
        Require.nonNull(status, "status");
        Require.nonNull(failure, "failure");
        if ((status == RunStatus.COMPLETED) == failure.isPresent()) {
            throw new IllegalArgumentException("a step record has a failure exactly when it did not complete, was "
                    + status + " with " + failure);
        }
    }

    /** Where the step sits in the run as text, such as {@code refine#2/follow-ups[0]/answer}: the form events show. */
    public String path() {
        return location.toString();
    }

    /** The step's own name, such as {@code answer}. */
    public String name() {
        return location.stepName();
    }

    /** The output as {@code type}, if the step completed with a value of that type. */
    public <T> Optional<T> output(Class<T> type) {
        return output.filter(type::isInstance).map(type::cast);
    }

    /** The model attempts that answered: which model and inference provider served this step. */
    public List<Attempt> servedBy() {
        return attempts.stream()
                .filter(attempt -> !attempt.isSearch() && attempt.outcome() == Attempt.Outcome.SUCCEEDED)
                .toList();
    }

    /** The attempts of its model calls, skips included, in order. */
    public List<Attempt> modelAttempts() {
        return attempts.stream().filter(attempt -> !attempt.isSearch()).toList();
    }

    /** The attempts of its searches, skips included, in the order they ended. */
    public List<Attempt> searchAttempts() {
        return attempts.stream().filter(Attempt::isSearch).toList();
    }

    /** What this step's model calls cost at {@code pricing}, exactly, from its attempts' reported tokens. */
    public Cost cost(Pricing pricing) {
        return Require.nonNull(pricing, "pricing").costOf(attempts);
    }
}
