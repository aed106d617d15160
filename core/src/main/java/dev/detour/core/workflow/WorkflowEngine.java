package dev.detour.core.workflow;

import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Runs workflows against a {@link ModelPort}, each run on its own virtual threads, under its own
 * budget, with its own events and record.
 *
 * <p>One engine serves any number of concurrent runs. Give it the resilience chain as its port so that
 * every model call of every step gets retries, fallback and circuit breaking.
 */
public final class WorkflowEngine {

    private final ModelPort models;
    private final Clock clock;
    private final List<WorkflowListener> listeners;
    private final Pricing pricing;

    public WorkflowEngine(ModelPort models) {
        this(models, Clock.systemUTC());
    }

    /** An engine that reads time from {@code clock} for budgets, records and events. */
    public WorkflowEngine(ModelPort models, Clock clock) {
        this(models, clock, List.of());
    }

    /**
     * An engine whose every run's events also go to {@code listeners}, before the run's own listeners: for
     * observers of all runs, such as telemetry. Like every listener, each hears an event on the thread that
     * caused it, so a step's {@code StepStarted} and its {@code StepCompleted} or {@code StepFailed} arrive
     * on the thread that runs the step, and {@code RunStarted} on the thread that starts the run.
     */
    public WorkflowEngine(ModelPort models, Clock clock, List<WorkflowListener> listeners) {
        this(models, clock, listeners, Pricing.none());
    }

    /** An engine as above whose runs' costs, and cost budgets, are counted at {@code pricing}. */
    public WorkflowEngine(ModelPort models, Clock clock, List<WorkflowListener> listeners, Pricing pricing) {
        this.models = Require.nonNull(models, "models");
        this.clock = Require.nonNull(clock, "clock");
        this.listeners = List.copyOf(Require.nonNull(listeners, "listeners"));
        this.pricing = Require.nonNull(pricing, "pricing");
    }

    /** The prices this engine counts costs at. */
    public Pricing pricing() {
        return pricing;
    }

    /** Starts a run and returns at once. */
    public <I, O> RunHandle<O> start(Workflow<I, O> workflow, I input, RunOptions options) {
        Require.nonNull(workflow, "workflow");
        Require.nonNull(input, "input");
        Require.nonNull(options, "options");
        String runId = options.runId().orElseGet(() -> UUID.randomUUID().toString());
        List<WorkflowListener> everyone = new ArrayList<>(listeners);
        everyone.addAll(options.listeners());
        RunState state = new RunState(runId, workflow.name(), models, clock, options.budget(), List.copyOf(everyone), pricing);
        CompletableFuture<RunResult<O>> result = new CompletableFuture<>();
        state.publish((sequence, at) -> new WorkflowEvent.RunStarted(runId, sequence, at, workflow.name()));
        state.startWorker("run", () -> {
            try {
                result.complete(execute(workflow, input, state));
            } catch (Throwable unexpected) {
                result.completeExceptionally(unexpected);
            }
        });
        return new RunHandle<>(state, result);
    }

    /**
     * Runs a workflow and waits for it to end. If the waiting thread is interrupted, the run is
     * cancelled and its {@link RunResult.Cancelled} result returned, with the thread's interrupt flag set.
     */
    public <I, O> RunResult<O> run(Workflow<I, O> workflow, I input, RunOptions options) {
        RunHandle<O> handle = start(workflow, input, options);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return handle.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    handle.cancel();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs a workflow with no budget limits and no listeners, and waits for it to end. */
    public <I, O> RunResult<O> run(Workflow<I, O> workflow, I input) {
        return run(workflow, input, RunOptions.defaults());
    }

    private static <I, O> RunResult<O> execute(Workflow<I, O> workflow, I input, RunState state) {
        long startNanos = System.nanoTime();
        String runId = state.runId();
        try {
            O output = workflow.run(input, state, "");
            RunRecord record = state.snapshot();
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            state.publish((sequence, at) -> new WorkflowEvent.RunCompleted(
                    runId, sequence, at, duration, record.tokens(), record.modelCalls()));
            return new RunResult.Completed<>(output, record);
        } catch (Throwable failure) {
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            if (state.isCancelled()) {
                state.publish((sequence, at) -> new WorkflowEvent.RunFailed(
                        runId, sequence, at, RunStatus.CANCELLED, "run cancelled", duration));
                return new RunResult.Cancelled<>(state.snapshot());
            }
            if (failure instanceof BudgetExhaustedException budget) {
                state.reportExhaustion(budget.exhaustion());
                state.publish((sequence, at) -> new WorkflowEvent.RunFailed(
                        runId, sequence, at, RunStatus.BUDGET_EXHAUSTED, budget.getMessage(), duration));
                return new RunResult.BudgetExhausted<>(budget.exhaustion(), state.snapshot());
            }
            if (failure instanceof Error error && !(failure instanceof AssertionError)) {
                throw error;
            }
            String failedStep = state.failedStep().orElse(workflow.name());
            StepFailure summary = StepFailure.of(RunStatus.FAILED, failure);
            state.publish((sequence, at) -> new WorkflowEvent.RunFailed(
                    runId, sequence, at, RunStatus.FAILED, failedStep + ": " + summary.message(), duration));
            return new RunResult.Failed<>(failure, failedStep, state.snapshot());
        }
    }

    @Override
    public String toString() {
        return "WorkflowEngine[models=" + models + "]";
    }
}
