package dev.detour.app.server;

import dev.detour.core.testing.InMemoryRunStore;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetUsage;
import dev.detour.core.workflow.RunEnd;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunStart;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.StoredStep;
import dev.detour.core.workflow.WorkflowEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An in-memory run store that can be told to fail every write from now on, deletions included, as a full disk does. */
final class BreakableStore implements RunStore {

    private final InMemoryRunStore delegate;
    private volatile RunStoreException failure;

    BreakableStore(InMemoryRunStore delegate) {
        this.delegate = delegate;
    }

    void breakWith(RunStoreException value) {
        failure = value;
        delegate.failWritesWith(value);
    }

    @Override
    public void runStarted(RunStart start) {
        delegate.runStarted(start);
    }

    @Override
    public void runResumed(String runId, Budget budget, Instant at) {
        delegate.runResumed(runId, budget, at);
    }

    @Override
    public void stepEnded(String runId, StoredStep step, BudgetUsage usage) {
        delegate.stepEnded(runId, step, usage);
    }

    @Override
    public void eventPublished(WorkflowEvent event) {
        delegate.eventPublished(event);
    }

    @Override
    public void runEnded(RunEnd end) {
        delegate.runEnded(end);
    }

    @Override
    public Optional<StoredRun> find(String runId) {
        return delegate.find(runId);
    }

    @Override
    public List<WorkflowEvent> events(String runId) {
        return delegate.events(runId);
    }

    @Override
    public List<RunSummary> list(RunQuery query) {
        return delegate.list(query);
    }

    @Override
    public int deleteStartedBefore(Instant cutoff) {
        if (failure != null) {
            throw failure;
        }
        return delegate.deleteStartedBefore(cutoff);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
