package dev.detour.core.workflow;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run in progress: wait for it, look at what it has done so far, or cancel it.
 *
 * <p>Cancelling is cooperative and prompt: the run makes no new model call, its in-flight calls are
 * interrupted, and it ends as {@link RunResult.Cancelled} with the record of every step that ran.
 */
public final class RunHandle<O> {

    private final RunState state;
    private final CompletableFuture<RunResult<O>> result;

    RunHandle(RunState state, CompletableFuture<RunResult<O>> result) {
        this.state = state;
        this.result = result;
    }

    /** The run's id. */
    public String runId() {
        return state.runId();
    }

    /** Asks the run to stop; returns at once. Has no effect on a run that has ended. */
    public void cancel() {
        if (!result.isDone()) {
            state.cancel();
        }
    }

    /** Whether the run has ended. */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * The first failure of the run store while this run was written to it, if there was one: from then
     * on the run went on unstored, and cannot be resumed from where it got to.
     */
    public Optional<RuntimeException> storeFailure() {
        return state.journal().failure();
    }

    /** The record of the steps that have ended so far. */
    public RunRecord recordSoFar() {
        return state.snapshot();
    }

    /** Waits for the run to end. */
    public RunResult<O> await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine failed to finish run " + runId(), e.getCause());
        }
    }

    /** Waits at most {@code timeout} for the run to end. */
    public Optional<RunResult<O>> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine failed to finish run " + runId(), e.getCause());
        }
    }
}
