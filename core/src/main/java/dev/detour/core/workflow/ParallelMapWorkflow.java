package dev.detour.core.workflow;

import dev.detour.core.Require;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a workflow over each item of a list, at most {@code parallelism} at a time. */
final class ParallelMapWorkflow<I, O> extends Workflow<List<I>, List<O>> {

    private final Workflow<I, O> each;
    private final int parallelism;

    ParallelMapWorkflow(String name, Workflow<I, O> each, int parallelism) {
        super(name);
        this.each = Require.nonNull(each, "each");
        this.parallelism = Require.positive(parallelism, "parallelism");
    }

    @Override
    public Workflow<List<I>, List<O>> named(String name) {
        return new ParallelMapWorkflow<>(name, each, parallelism);
    }

    @Override
    List<O> run(List<I> items, RunState run, String parentPath) throws Exception {
        Require.nonNull(items, name() + " input");
        int count = items.size();
        Object[] outputs = new Object[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int worker = 0; worker < Math.min(parallelism, count); worker++) {
            workers.add(run.startWorker(path(parentPath, name()), () -> {
                while (firstFailure.get() == null && !run.isCancelled()) {
                    int index = next.getAndIncrement();
                    if (index >= count) {
                        return;
                    }
                    try {
                        outputs[index] = each.run(items.get(index), run, path(parentPath, name() + "[" + index + "]"));
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
            throw new CancellationException("run " + run.runId() + " was cancelled during " + path(parentPath, name()));
        }
        @SuppressWarnings("unchecked")
        List<O> result = (List<O>) Collections.unmodifiableList(Arrays.asList(outputs));
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
