package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    O run(I input, RunState run, StepPath parent) throws Exception {
        List<Y> outputs = mapAll(List.copyOf(Require.nonNull(split.apply(input), name() + " items")), run, parent);
        return combine.apply(input, outputs);
    }

    private List<Y> mapAll(List<X> items, RunState run, StepPath parent) throws Exception {
        int count = items.size();
        Object[] outputs = new Object[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int worker = 0; worker < Math.min(parallelism, count); worker++) {
            workers.add(run.startWorker(parent.then(StepPath.Segment.step(name())).toString(), () -> {
                while (firstFailure.get() == null && !run.isCancelled()) {
                    int index = next.getAndIncrement();
                    if (index >= count) {
                        return;
                    }
                    try {
                        outputs[index] = each.run(items.get(index), run, parent.then(StepPath.Segment.item(name(), index)));
                    } catch (Throwable failure) {
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            }));
        }
        joinAll(workers);
        Throwable failure = firstFailure.get();
        if (failure != null) {
            throw Throwables.asException(failure);
        }
        if (run.isCancelled()) {
            throw new CancellationException("run " + run.runId() + " was cancelled during " + parent.then(StepPath.Segment.step(name())));
        }
        @SuppressWarnings("unchecked")
        List<Y> result = (List<Y>) Collections.unmodifiableList(Arrays.asList(outputs));
        return result;
    }

    private static void joinAll(List<Thread> workers) {
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (true) {
                try {
                    worker.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
