package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * A single step, recorded, stored and announced by events; in a resumed run, a step with a recorded
 * completion returns its recorded output without running.
 */
final class StepWorkflow<I, O> extends Workflow<I, O> {

    private final Step<I, O> step;

    StepWorkflow(String name, Step<I, O> step) {
        super(name);
        this.step = Require.nonNull(step, "step");
    }

    @Override
    public Workflow<I, O> named(String name) {
        return new StepWorkflow<>(name, step);
    }

    @Override
    public WorkflowShape<I, O> shape() {
        return new WorkflowShape.OneStep<>(name(), step);
    }

    @Override
    O run(I input, RunState run, StepPath parent) throws Exception {
        StepPath location = parent.then(StepPath.Segment.step(name()));
        String path = location.toString();
        if (run.isCancelled()) {
            throw new CancellationException("run " + run.runId() + " was cancelled before step " + path);
        }
        int occurrence = run.replay().nextOccurrence(path);
        Optional<StoredStep> recorded = run.replay().recorded(path, occurrence, input);
        if (recorded.isPresent()) {
            run.record(recorded.get().startedSequence(), recorded.get().record());
            @SuppressWarnings("unchecked")
            O output = (O) recorded.get().record().output().orElse(null);
            return output;
        }
        RunningStep context = new RunningStep(run, path);
        Instant start = run.now();
        long startNanos = System.nanoTime();
        long startedSequence = run.publish((sequence, at) -> new WorkflowEvent.StepStarted(run.runId(), sequence, at, path));
        O output;
        try {
            output = step.execute(input, context);
        } catch (Throwable failure) {
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            RunStatus status = run.isCancelled()
                    ? RunStatus.CANCELLED
                    : failure instanceof BudgetExhaustedException ? RunStatus.BUDGET_EXHAUSTED : RunStatus.FAILED;
            StepFailure stepFailure = StepFailure.of(status, failure);
            StepRecord failed = new StepRecord(location, input, Optional.empty(), start, duration,
                    context.tokens(), context.attempts(), status, Optional.of(stepFailure));
            run.record(startedSequence, failed);
            run.publish((sequence, at) ->
                    new WorkflowEvent.StepFailed(run.runId(), sequence, at, path, duration, stepFailure));
            run.stepEnded(new StoredStep(startedSequence, occurrence, failed, false));
            if (status == RunStatus.FAILED) {
                run.noteFailedStep(path);
            }
            if (status == RunStatus.CANCELLED && !(failure instanceof CancellationException)) {
                CancellationException cancelled =
                        new CancellationException("run " + run.runId() + " was cancelled during step " + path);
                cancelled.initCause(failure);
                throw cancelled;
            }
            throw Throwables.asException(failure);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        StepRecord completed = new StepRecord(location, input, Optional.ofNullable(output), start, duration,
                context.tokens(), context.attempts(), RunStatus.COMPLETED, Optional.empty());
        run.record(startedSequence, completed);
        run.stepEnded(new StoredStep(startedSequence, occurrence, completed,
                !context.cutShortByBudget() && !run.isCancelled()));
        run.publish((sequence, at) ->
                new WorkflowEvent.StepCompleted(run.runId(), sequence, at, path, duration, context.tokens()));
        return output;
    }
}
