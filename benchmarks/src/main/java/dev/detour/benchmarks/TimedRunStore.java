package dev.detour.benchmarks;

import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetUsage;
import dev.detour.core.workflow.RunEnd;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunStart;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.StoredStep;
import dev.detour.core.workflow.WorkflowEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A run store that times how long each step's write takes (the write a dependent step waits for). */
final class TimedRunStore implements RunStore {

    private final RunStore store;
    private final Latencies stepWrites = new Latencies();

    TimedRunStore(RunStore store) {
        this.store = store;
    }

    Latencies stepWrites() {
        return stepWrites;
    }

    @Override
    public void stepEnded(String runId, StoredStep step, BudgetUsage usage) {
        long start = System.nanoTime();
        store.stepEnded(runId, step, usage);
        stepWrites.addAll(new long[] {System.nanoTime() - start}, 1);
    }

    @Override
    public void runStarted(RunStart start) {
        store.runStarted(start);
    }

    @Override
    public void runResumed(String runId, Budget budget, Instant at) {
        store.runResumed(runId, budget, at);
    }

    @Override
    public void eventPublished(WorkflowEvent event) {
        store.eventPublished(event);
    }

    @Override
    public void runEnded(RunEnd end) {
        store.runEnded(end);
    }

    @Override
    public Optional<StoredRun> find(String runId) {
        return store.find(runId);
    }

    @Override
    public List<WorkflowEvent> events(String runId) {
        return store.events(runId);
    }

    @Override
    public List<RunSummary> list(RunQuery query) {
        return store.list(query);
    }

    @Override
    public int deleteStartedBefore(Instant cutoff) {
        return store.deleteStartedBefore(cutoff);
    }

    @Override
    public void close() {
        store.close();
    }
}
