package dev.detour.app.server;

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

/** A run store that can be told to fail every write from now on, deletions included, as a full disk does. */
final class BreakableStore implements RunStore {

    private final RunStore delegate;
    private volatile RunStoreException failure;

    BreakableStore(RunStore delegate) {
        this.delegate = delegate;
    }

    void breakWith(RunStoreException value) {
        failure = value;
    }

    private void checkWrite() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void runStarted(RunStart start) {
        checkWrite();
        delegate.runStarted(start);
    }

    @Override
    public void runResumed(String runId, Budget budget, Instant at) {
        checkWrite();
        delegate.runResumed(runId, budget, at);
    }

    @Override
    public void stepEnded(String runId, StoredStep step, BudgetUsage usage) {
        checkWrite();
        delegate.stepEnded(runId, step, usage);
    }

    @Override
    public void eventPublished(WorkflowEvent event) {
        checkWrite();
        delegate.eventPublished(event);
    }

    @Override
    public void runEnded(RunEnd end) {
        checkWrite();
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
        checkWrite();
        return delegate.deleteStartedBefore(cutoff);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
