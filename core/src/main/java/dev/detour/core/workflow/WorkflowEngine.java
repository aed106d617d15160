package dev.detour.core.workflow;

import dev.detour.core.cost.Pricing;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Runs workflows against a {@link ModelPort} and its {@link EvidenceSources}, each run on its own virtual
 * threads, under its own budget, with its own events and record, and writes every run to its
 * {@link RunStore}.
 *
 * <p>One engine serves any number of concurrent runs. Give it the resilience chain as its port so that
 * every model call of every step gets retries, fallback and circuit breaking, and resilient sources so
 * that every search gets retries, rate limits and a breaker per source.
 *
 * <p>{@link #resume Resuming} a stored run returns the recorded output of every completed step without
 * running it, so without any model call; the steps that had not completed run again from their start.
 * Steps must therefore have no side effect beyond their model calls and searches: one that wrote a file
 * or sent a message would do it again when it runs again.
 */
public final class WorkflowEngine {

    private final ModelPort models;
    private final EvidenceSources evidence;
    private final Clock clock;
    private final List<WorkflowListener> listeners;
    private final Pricing pricing;
    private final RunStore store;

    /** An engine that stores no run. */
    public WorkflowEngine(ModelPort models) {
        this(models, Clock.systemUTC());
    }

    /** An engine that reads time from {@code clock} for budgets, records and events, and stores no run. */
    public WorkflowEngine(ModelPort models, Clock clock) {
        this(models, clock, RunStore.none());
    }

    /** An engine that writes every run to {@code store}, so that it can be listed and resumed; it has no evidence sources. */
    public WorkflowEngine(ModelPort models, Clock clock, RunStore store) {
        this(models, EvidenceSources.none(), clock, store);
    }

    /** An engine whose steps search {@code evidence} and call {@code models}, and that writes every run to {@code store}. */
    public WorkflowEngine(ModelPort models, EvidenceSources evidence, Clock clock, RunStore store) {
        this(models, evidence, clock, List.of(), Pricing.none(), store);
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

    /** An engine as above whose runs' costs, and cost budgets, are counted at {@code pricing}; it stores no run. */
    public WorkflowEngine(ModelPort models, Clock clock, List<WorkflowListener> listeners, Pricing pricing) {
        this(models, clock, listeners, pricing, RunStore.none());
    }

    /** An engine with every-run {@code listeners}, costs at {@code pricing}, and every run written to {@code store}. */
    public WorkflowEngine(ModelPort models, Clock clock, List<WorkflowListener> listeners, Pricing pricing, RunStore store) {
        this(models, EvidenceSources.none(), clock, listeners, pricing, store);
    }

    /**
     * An engine whose steps search {@code evidence} and call {@code models}, with every-run {@code listeners},
     * costs at {@code pricing}, and every run written to {@code store}.
     */
    public WorkflowEngine(ModelPort models, EvidenceSources evidence, Clock clock, List<WorkflowListener> listeners,
            Pricing pricing, RunStore store) {
        this.models = Require.nonNull(models, "models");
        this.evidence = Require.nonNull(evidence, "evidence");
        this.clock = Require.nonNull(clock, "clock");
        this.listeners = List.copyOf(Require.nonNull(listeners, "listeners"));
        this.pricing = Require.nonNull(pricing, "pricing");
        this.store = Require.nonNull(store, "store");
    }

    /** The prices this engine counts costs at. */
    public Pricing pricing() {
        return pricing;
    }

    /** The evidence sources this engine's steps search. */
    public EvidenceSources evidence() {
        return evidence;
    }

    /** Where this engine's runs are stored. */
    public RunStore store() {
        return store;
    }

    /** Starts a run and returns at once. */
    public <I, O> RunHandle<O> start(Workflow<I, O> workflow, I input, RunOptions options) {
        Require.nonNull(workflow, "workflow");
        Require.nonNull(input, "input");
        Require.nonNull(options, "options");
        String runId = options.runId().orElseGet(() -> UUID.randomUUID().toString());
        RunJournal journal = new RunJournal(store, runId);
        RunState state = new RunState(runId, workflow.name(), models, evidence, clock, options.budget(), everyone(options),
                journal, Optional.empty(), pricing);
        journal.started(new RunStart(runId, workflow.name(), RunStart.titleOf(input), input, options.settings(),
                options.chain(), options.budget(), state.start()));
        state.publish((sequence, at) -> new WorkflowEvent.RunStarted(runId, sequence, at, workflow.name()));
        return launch(workflow, input, state);
    }

    /**
     * Continues the stored run {@code runId} with {@code workflow} (which must have the stored run's
     * workflow name and be built as it was) under {@code options}' budget, and returns at once.
     *
     * <p>A step whose path, occurrence and input match a recorded completion returns the recorded output
     * without running: no model call, no events of its own. Every other step runs, the one that was
     * running when the process stopped from its start. The budget counts on from what the stored run
     * used, and events number on from its last stored one.
     *
     * @throws IllegalArgumentException if the store has no run {@code runId}, or it ran another workflow
     * @throws IllegalStateException if the run completed: there is nothing to resume
     * @throws RunStoreException if the store cannot be read
     */
    public <I, O> RunHandle<O> resume(Workflow<I, O> workflow, String runId, RunOptions options) {
        Require.nonNull(workflow, "workflow");
        Require.nonBlank(runId, "runId");
        Require.nonNull(options, "options");
        StoredRun stored = store.find(runId).orElseThrow(() -> new IllegalArgumentException(
                "there is no run " + runId + " in " + store + "; list the stored runs to find its id"));
        if (!stored.start().workflow().equals(workflow.name())) {
            throw new IllegalArgumentException("run " + runId + " ran the workflow \"" + stored.start().workflow()
                    + "\", not \"" + workflow.name() + "\"; resume it with the workflow it started with");
        }
        if (!stored.resumable()) {
            throw new IllegalStateException("run " + runId + " completed; there is nothing to resume");
        }
        if (options.runId().filter(id -> !id.equals(runId)).isPresent()) {
            throw new IllegalArgumentException("options name run " + options.runId().get() + ", not " + runId);
        }
        RunJournal journal = new RunJournal(store, runId);
        RunState state = new RunState(runId, workflow.name(), models, evidence, clock, options.budget(), everyone(options),
                journal, Optional.of(stored), pricing);
        journal.resumed(options.budget(), state.now());
        int recorded = (int) stored.steps().stream().filter(StoredStep::replayable).count();
        state.publish((sequence, at) -> new WorkflowEvent.RunResumed(runId, sequence, at, workflow.name(), recorded));
        @SuppressWarnings("unchecked")
        I input = (I) stored.start().input();
        return launch(workflow, input, state);
    }

    private List<WorkflowListener> everyone(RunOptions options) {
        List<WorkflowListener> everyone = new ArrayList<>(listeners);
        everyone.addAll(options.listeners());
        return List.copyOf(everyone);
    }

    private <I, O> RunHandle<O> launch(Workflow<I, O> workflow, I input, RunState state) {
        CompletableFuture<RunResult<O>> result = new CompletableFuture<>();
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
        return await(start(workflow, input, options));
    }

    private static <O> RunResult<O> await(RunHandle<O> handle) {
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
        RunResult<O> result = outcome(workflow, input, state);
        state.journal().ended(RunEnd.of(result, state.firstExhaustion(), state.meter().usage(), state.now()));
        return result;
    }

    private static <I, O> RunResult<O> outcome(Workflow<I, O> workflow, I input, RunState state) {
        long startNanos = System.nanoTime();
        String runId = state.runId();
        try {
            O output = workflow.run(input, state, StepPath.ROOT);
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
        return "WorkflowEngine[models=" + models + ", evidence=" + evidence + "]";
    }
}
