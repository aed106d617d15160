package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a {@link Workflow} is made of: one step, a sequence, a loop or a parallel map, with its parts. An
 * engine that interprets workflows itself (such as the one on Temporal) walks a workflow through
 * {@link Workflow#shape()}; the parts are the very objects the embedded engine runs.
 *
 * <p>Do not build workflows from shapes: build them with {@link Workflow}'s factories.
 */
public sealed interface WorkflowShape<I, O> {

    /**
     * A single step.
     *
     * @param name the step's name, the last segment of its path
     * @param step what it does
     */
    record OneStep<I, O>(String name, Step<I, O> step) implements WorkflowShape<I, O> {
        public OneStep {
            Require.nonBlank(name, "name");
            Require.nonNull(step, "step");
        }
    }

    /**
     * Two workflows, the second fed the first's output.
     *
     * @param first what runs first
     * @param second what runs on the first's output
     */
    record Sequence<I, M, O>(Workflow<I, M> first, Workflow<M, O> second) implements WorkflowShape<I, O> {
        public Sequence {
            Require.nonNull(first, "first");
            Require.nonNull(second, "second");
        }
    }

    /**
     * A body repeated until {@code stop} holds, {@code maxIterations} iterations have run or the budget is
     * used up; see {@link Workflow#loopUntil}.
     *
     * @param name the loop's name, which step paths count iterations of
     */
    record Loop<S>(String name, Workflow<S, S> body, Predicate<? super S> stop, int maxIterations)
            implements WorkflowShape<S, LoopResult<S>> {
        public Loop {
            Require.nonBlank(name, "name");
            Require.nonNull(body, "body");
            Require.nonNull(stop, "stop");
            Require.positive(maxIterations, "maxIterations");
        }
    }

    /**
     * A workflow run on every item {@code items} draws from the input, at most {@code parallelism} at a
     * time, its outputs merged back by {@code combine}; see {@link Workflow#parallelMap}.
     *
     * @param name the map's name, which step paths index items of
     */
    record ParallelMap<I, X, Y, O>(String name, Function<? super I, ? extends List<X>> items, Workflow<X, Y> each,
            BiFunction<? super I, List<Y>, ? extends O> combine, int parallelism) implements WorkflowShape<I, O> {
        public ParallelMap {
            Require.nonBlank(name, "name");
            Require.nonNull(items, "items");
            Require.nonNull(each, "each");
            Require.nonNull(combine, "combine");
            Require.positive(parallelism, "parallelism");
        }
    }
}
