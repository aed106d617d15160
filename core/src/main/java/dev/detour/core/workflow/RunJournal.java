package dev.detour.core.workflow;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One run's writes to its store. A store failure never fails the run: the first one is kept (for
 * {@link RunHandle#storeFailure()}), logged, and the run goes on without writing again.
 */
final class RunJournal {

    private static final System.Logger LOG = System.getLogger(RunJournal.class.getName());

    private final RunStore store;
    private final String runId;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    RunJournal(RunStore store, String runId) {
        this.store = store;
        this.runId = runId;
    }

    void started(RunStart start) {
        write(target -> target.runStarted(start));
    }

    void resumed(Budget budget, Instant at) {
        write(target -> target.runResumed(runId, budget, at));
    }

    void stepEnded(StoredStep step, BudgetUsage usage) {
        write(target -> target.stepEnded(runId, step, usage));
    }

    void event(WorkflowEvent event) {
        write(target -> target.eventPublished(event));
    }

    void ended(RunEnd end) {
        write(target -> target.runEnded(end));
    }

    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void write(Consumer<RunStore> action) {
        if (failure.get() != null) {
            return;
        }
        try {
            action.accept(store);
        } catch (RuntimeException e) {
            if (failure.compareAndSet(null, e)) {
                LOG.log(System.Logger.Level.WARNING, () -> "run " + runId + " is no longer stored (" + e.getMessage()
                        + "); it goes on, but cannot be resumed from where it is now");
            }
        }
    }
}
