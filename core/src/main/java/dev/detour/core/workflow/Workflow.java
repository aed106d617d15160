package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A composition of steps with a typed input and output: a single {@link #step step}, a sequence built
 * with {@link #then}, a {@link #loopUntil loop} or a {@link #parallelMap bounded-parallel map}. Run it
 * with a {@link WorkflowEngine}.
 *
 * <p>A workflow is an immutable description; one instance can be run any number of times, concurrently.
 */
public abstract sealed class Workflow<I, O>
        permits StepWorkflow, SequenceWorkflow, LoopWorkflow, ParallelMapWorkflow {

    private final String name;

    Workflow(String name) {
        this.name = Require.nonBlank(name, "name");
        if (name.contains("/")) {
            throw new IllegalArgumentException("name must not contain '/', was \"" + name + "\"");
        }
    }

    /** The workflow's name; a step's name appears in its path, events and run record. */
    public String name() {
        return name;
    }

    /** A workflow of one step. */
    public static <I, O> Workflow<I, O> step(String name, Step<I, O> step) {
        return new StepWorkflow<>(name, step);
    }

    /** This workflow, then {@code next} on its output. */
    public <R> Workflow<I, R> then(Workflow<O, R> next) {
        return new SequenceWorkflow<>(name() + "+" + Require.nonNull(next, "next").name(), this, next);
    }

    /** This workflow, then the step {@code step} named {@code name} on its output. */
    public <R> Workflow<I, R> then(String name, Step<O, R> step) {
        return then(step(name, step));
    }

    /** This workflow under another name, for the run's events and record. */
    public abstract Workflow<I, O> named(String name);

    /**
     * Runs {@code body} on the state, then again on its output, until {@code stop} holds for the new
     * state, {@code maxIterations} iterations have run, or the run's budget is used up.
     *
     * @param maxIterations at least 1
     */
    public static <S> Workflow<S, LoopResult<S>> loopUntil(
            String name, Workflow<S, S> body, Predicate<? super S> stop, int maxIterations) {
        return new LoopWorkflow<>(name, body, stop, maxIterations);
    }

    /**
     * Runs {@code each} on every item of a list with at most {@code parallelism} items at a time, each on
     * its own virtual thread, and returns the outputs in the order of the items. When one item fails, no
     * new item starts, the running ones finish, and the first failure is thrown.
     *
     * @param parallelism at least 1
     */
    public static <I, O> Workflow<List<I>, List<O>> parallelMap(String name, Workflow<I, O> each, int parallelism) {
        return new ParallelMapWorkflow<List<I>, I, O, List<O>>(
                name, items -> items, each, (items, outputs) -> outputs, parallelism);
    }

    /**
     * Like {@link #parallelMap(String, Workflow, int)} over the list {@code items} draws from the input,
     * whose outputs {@code combine} merges back with the input: a state-carrying workflow fans out and
     * back in without leaving the engine.
     *
     * @param parallelism at least 1
     */
    public static <I, X, Y, O> Workflow<I, O> parallelMap(String name, Function<? super I, ? extends List<X>> items,
            Workflow<X, Y> each, BiFunction<? super I, List<Y>, ? extends O> combine, int parallelism) {
        return new ParallelMapWorkflow<>(name, items, each, combine, parallelism);
    }

    /**
     * What this workflow is made of, for an engine that interprets it itself; the embedded
     * {@link WorkflowEngine} does not need it.
     */
    public abstract WorkflowShape<I, O> shape();

    abstract O run(I input, RunState run, StepPath parent) throws Exception;

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
