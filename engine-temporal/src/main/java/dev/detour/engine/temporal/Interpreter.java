package dev.detour.engine.temporal;

import dev.detour.core.model.SourceRef;
import dev.detour.core.workflow.BudgetExhaustedException;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.LoopResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepFailure;
import dev.detour.core.workflow.StepPath;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowShape;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Walks a Detour workflow tree inside a Temporal workflow, with the embedded engine's semantics: steps
 * recorded and announced, sequences and loops as plain code, parallel maps as at most {@code parallelism}
 * lanes of Temporal promises that take items in order. Everything here is deterministic: workflow time,
 * workflow threads, and the results of model-call activities.
 */
final class Interpreter {

    private final RunLedger run;
    private final ModelCalls calls;
    private final SourceSearches searches;
    private final List<SourceRef> sources;
    private final StepOutputs outputs;

    Interpreter(RunLedger run, ModelCalls calls, SourceSearches searches, List<SourceRef> sources, StepOutputs outputs) {
        this.run = run;
        this.calls = calls;
        this.searches = searches;
        this.sources = List.copyOf(sources);
        this.outputs = outputs;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    <I, O> O run(Workflow<I, O> workflow, I input, StepPath parent) throws Exception {
        return switch (workflow.shape()) {
            case WorkflowShape.OneStep<I, O> step -> step(step, input, parent);
            case WorkflowShape.Sequence<I, ?, O> sequence -> sequence(sequence, input, parent);
            case WorkflowShape.Loop loop -> (O) loop(loop, input, parent);
            case WorkflowShape.ParallelMap<I, ?, ?, O> map -> parallelMap(map, input, parent);
        };
    }

    private <I, M, O> O sequence(WorkflowShape.Sequence<I, M, O> sequence, I input, StepPath parent) throws Exception {
        return run(sequence.second(), run(sequence.first(), input, parent), parent);
    }

    private <S> LoopResult<S> loop(WorkflowShape.Loop<S> loop, S input, StepPath parent) throws Exception {
        S state = input;
        for (int iteration = 1; iteration <= loop.maxIterations(); iteration++) {
            Optional<BudgetExhaustion> exhausted = run.exhaustion();
            if (exhausted.isPresent()) {
                return new LoopResult<>(state, iteration - 1, LoopResult.StopReason.BUDGET_EXHAUSTED, exhausted);
            }
            try {
                state = run(loop.body(), state, parent.then(StepPath.Segment.iteration(loop.name(), iteration)));
            } catch (BudgetExhaustedException e) {
                return new LoopResult<>(state, iteration - 1, LoopResult.StopReason.BUDGET_EXHAUSTED, Optional.of(e.exhaustion()));
            }
            if (loop.stop().test(state)) {
                return new LoopResult<>(state, iteration, LoopResult.StopReason.CONDITION_MET, Optional.empty());
            }
        }
        return new LoopResult<>(state, loop.maxIterations(), LoopResult.StopReason.MAX_ITERATIONS, Optional.empty());
    }

    private <I, X, Y, O> O parallelMap(WorkflowShape.ParallelMap<I, X, Y, O> map, I input, StepPath parent) throws Exception {
        List<X> items = List.copyOf(map.items().apply(input));
        int count = items.size();
        Object[] results = new Object[count];
        int[] next = {0};
        Throwable[] firstFailure = {null};
        List<Promise<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.min(map.parallelism(), count); lane++) {
            lanes.add(Async.procedure(() -> {
                while (firstFailure[0] == null && !run.isCancelled()) {
                    int index = next[0]++;
                    if (index >= count) {
                        return;
                    }
                    try {
                        results[index] = run(map.each(), items.get(index),
                                parent.then(StepPath.Segment.item(map.name(), index)));
                    } catch (Throwable failure) {
                        rethrowIfFatal(failure);
                        if (firstFailure[0] == null) {
                            firstFailure[0] = failure;
                        }
                    }
                }
            }));
        }
        Promise.allOf(lanes).get();
        if (firstFailure[0] != null) {
            throw asException(firstFailure[0]);
        }
        if (run.isCancelled()) {
            throw new CancellationException("run " + run.runId() + " was cancelled during "
                    + parent.then(StepPath.Segment.step(map.name())));
        }
        @SuppressWarnings("unchecked")
        List<Y> outputs = (List<Y>) Collections.unmodifiableList(Arrays.asList(results));
        return map.combine().apply(input, outputs);
    }

    private <I, O> O step(WorkflowShape.OneStep<I, O> step, I input, StepPath parent) throws Exception {
        StepPath location = parent.then(StepPath.Segment.step(step.name()));
        String path = location.toString();
        String runId = run.runId();
        if (run.isCancelled()) {
            throw new CancellationException("run " + runId + " was cancelled before step " + path);
        }
        TemporalStepContext context = new TemporalStepContext(run, path, calls, searches, sources);
        Instant start = RunLedger.now();
        long startedSequence = run.publish((sequence, at) -> new WorkflowEvent.StepStarted(runId, sequence, at, path));
        O output;
        try {
            output = step.step().execute(input, context);
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            Duration duration = Duration.between(start, RunLedger.now());
            RunStatus status = run.isCancelled()
                    ? RunStatus.CANCELLED
                    : failure instanceof BudgetExhaustedException ? RunStatus.BUDGET_EXHAUSTED : RunStatus.FAILED;
            StepFailure stepFailure = StepFailure.of(status, failure);
            run.record(startedSequence, new StepRecord(location, input, Optional.empty(), start, duration,
                    context.tokens(), context.attempts(), status, Optional.of(stepFailure)));
            run.publish((sequence, at) -> new WorkflowEvent.StepFailed(runId, sequence, at, path, duration, stepFailure));
            if (status == RunStatus.FAILED) {
                run.noteFailedStep(path);
            }
            if (status == RunStatus.CANCELLED && !(failure instanceof CancellationException)) {
                CancellationException cancelled = new CancellationException("run " + runId + " was cancelled during step " + path);
                cancelled.initCause(failure);
                throw cancelled;
            }
            throw asException(failure);
        }
        outputs.check(path, output);
        Duration duration = Duration.between(start, RunLedger.now());
        run.record(startedSequence, new StepRecord(location, input, Optional.ofNullable(output), start, duration,
                context.tokens(), context.attempts(), RunStatus.COMPLETED, Optional.empty()));
        run.publish((sequence, at) -> new WorkflowEvent.StepCompleted(runId, sequence, at, path, duration, context.tokens()));
        return output;
    }

    /**
     * Errors other than assertion failures are not a step's to record: among them is the one Temporal
     * unwinds a workflow thread with when it evicts a run from its cache.
     */
    static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof Error error && !(error instanceof AssertionError)) {
            throw error;
        }
    }

    static Exception asException(Throwable failure) {
        return failure instanceof Exception exception ? exception : new IllegalStateException(failure.getMessage(), failure);
    }
}
