package dev.detour.core.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The store of an engine that keeps no run. */
final class NoRunStore implements RunStore {

    static final NoRunStore INSTANCE = new NoRunStore();

    private NoRunStore() {}

    @Override
    public void runStarted(RunStart start) {}

    @Override
    public void runResumed(String runId, Budget budget, Instant at) {}

    @Override
    public void stepEnded(String runId, StoredStep step, BudgetUsage usage) {}

    @Override
    public void eventPublished(WorkflowEvent event) {}

    @Override
    public void runEnded(RunEnd end) {}

    @Override
    public Optional<StoredRun> find(String runId) {
        return Optional.empty();
    }

    @Override
    public List<WorkflowEvent> events(String runId) {
        return List.of();
    }

    @Override
    public List<RunSummary> list(RunQuery query) {
        return List.of();
    }

    @Override
    public int deleteStartedBefore(Instant cutoff) {
        return 0;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "no run store";
    }
}
