package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs a workflow over each item of a list drawn from the input, at most {@code parallelism} at a
 * time, and combines the outputs with the input.
 */
final class ParallelMapWorkflow<I, X, Y, O> extends Workflow<I, O> {

    private final Function<? super I, ? extends List<X>> split;
    private final Workflow<X, Y> each;
    private final BiFunction<? super I, List<Y>, ? extends O> combine;
    private final int parallelism;

    ParallelMapWorkflow(String name, Function<? super I, ? extends List<X>> split, Workflow<X, Y> each,
            BiFunction<? super I, List<Y>, ? extends O> combine, int parallelism) {
        super(name);
        this.split = Require.nonNull(split, "items");
        this.each = Require.nonNull(each, "each");
        this.combine = Require.nonNull(combine, "combine");
        this.parallelism = Require.positive(parallelism, "parallelism");
    }

    @Override
    public Workflow<I, O> named(String name) {
        return new ParallelMapWorkflow<>(name, split, each, combine, parallelism);
    }

    @Override
    public WorkflowShape<I, O> shape() {
        return new WorkflowShape.ParallelMap<>(name(), split, each, combine, parallelism);
    }

    @Override
    O run(I input, RunState run, StepPath parent) throws Exception {
        List<Y> outputs = mapAll(List.copyOf(Require.nonNull(split.apply(input), name() + " items")), run, parent);
        return combine.apply(input, outputs);
    }

    private List<Y> mapAll(List<X> items, RunState run, StepPath parent) throws Exception {
        Object[] outputs = new Object[items.size()];
        Optional<Throwable> failure = RunWorkers.runAll(run, parent.then(StepPath.Segment.step(name())).toString(),
                items.size(), parallelism,
                index -> outputs[index] = each.run(items.get(index), run, parent.then(StepPath.Segment.item(name(), index))));
        if (failure.isPresent()) {
            throw Throwables.asException(failure.get());
        }
        if (run.isCancelled()) {
            throw new CancellationException("run " + run.runId() + " was cancelled during " + parent.then(StepPath.Segment.step(name())));
        }
        @SuppressWarnings("unchecked")
        List<Y> result = (List<Y>) Collections.unmodifiableList(Arrays.asList(outputs));
        return result;
    }
}
