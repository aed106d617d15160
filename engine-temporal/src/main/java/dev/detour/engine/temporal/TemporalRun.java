package dev.detour.engine.temporal;

import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run on Temporal, followed from this process: wait for it, look at its record so far, or cancel it.
 * Its events reach the listeners in order, each once, as the run's {@code events} query returns them
 * (asked a few times a second, and not at all for a run followed without listeners).
 *
 * <p>Cancelling is Temporal cancellation: the run makes no new model call, its calls in flight are
 * cancelled on their workers, and it ends as {@link RunResult.Cancelled} with the record of every step.
 */
public final class TemporalRun<O> {

    private static final System.Logger LOG = System.getLogger(TemporalRun.class.getName());

    private final WorkflowStub stub;
    private final String runId;
    private final List<WorkflowListener> listeners;
    private final CompletableFuture<RunResult<O>> result = new CompletableFuture<>();
    private long delivered;

    private TemporalRun(WorkflowStub stub, String runId, List<WorkflowListener> listeners) {
        this.stub = stub;
        this.runId = runId;
        this.listeners = List.copyOf(listeners);
    }

    static <O> TemporalRun<O> follow(WorkflowStub stub, String runId, List<WorkflowListener> listeners) {
        TemporalRun<O> run = new TemporalRun<>(stub, runId, listeners);
        CompletableFuture<RunOutcome> outcome = stub.getResultAsync(RunOutcome.class);
        Thread.ofVirtual().name("detour-follow-" + runId).start(() -> run.followUntil(outcome));
        return run;
    }

    private void followUntil(CompletableFuture<RunOutcome> outcome) {
        try {
            while (true) {
                try {
                    RunOutcome ended = listeners.isEmpty()
                            ? outcome.get()
                            : outcome.get(TemporalConnection.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                    deliver(ended.events());
                    result.complete(ended.result());
                    return;
                } catch (TimeoutException e) {
                    deliver(queryEvents());
                }
            }
        } catch (ExecutionException e) {
            Optional<RunOutcome> cancelled = cancelledOutcome(e.getCause());
            if (cancelled.isPresent()) {
                deliver(cancelled.get().events());
                result.complete(cancelled.get().result());
                return;
            }
            result.completeExceptionally(new IllegalStateException("run " + runId + " did not end on Temporal: "
                    + e.getCause().getMessage(), e.getCause()));
        } catch (InterruptedException e) {
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** The outcome of a run whose Temporal workflow ended cancelled, as it recorded it. */
    private Optional<RunOutcome> cancelledOutcome(Throwable failure) {
        if (!(failure instanceof WorkflowFailedException failed && failed.getCause() instanceof CanceledFailure)) {
            return Optional.empty();
        }
        return Optional.ofNullable(stub.query("outcome", RunOutcome.class));
    }

    private List<WorkflowEvent> queryEvents() {
        try {
            return stub.query("events", EventPage.class, delivered).events();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "run " + runId + ": the events query failed (" + e + "); asking again");
            return List.of();
        }
    }

    private void deliver(List<WorkflowEvent> events) {
        for (WorkflowEvent event : events) {
            if (event.sequence() <= delivered) {
                continue;
            }
            delivered = event.sequence();
            for (WorkflowListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, () -> "workflow listener " + listener.getClass().getName()
                            + " failed on " + event.getClass().getSimpleName() + " (" + e + "); the run goes on");
                }
            }
        }
    }

    /** The run's id: its Temporal workflow id. */
    public String runId() {
        return runId;
    }

    /** Asks the run to stop; returns at once. Has no effect on a run that has ended. */
    public void cancel() {
        if (!result.isDone()) {
            stub.cancel();
        }
    }

    /** Whether the run has ended and this process has its result. */
    public boolean isDone() {
        return result.isDone();
    }

    /** The record of the steps that have ended so far, asked of the workers. */
    public RunRecord recordSoFar() {
        return stub.query("record", RunRecord.class);
    }

    /** Waits for the run to end; every event has reached the listeners when it returns. */
    public RunResult<O> await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    /** Waits at most {@code timeout} for the run to end. */
    public Optional<RunResult<O>> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    private RuntimeException failure(ExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException("following run " + runId + " failed", e.getCause());
    }
}
