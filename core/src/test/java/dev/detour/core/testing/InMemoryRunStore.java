package dev.detour.core.testing;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link RunStore} in memory, for tests: it keeps values as they are (no codec), and can copy itself
 * as it stands, which is what a process that dies leaves behind. It can also be told to fail its writes
 * from some point on, or to watch each step end as it is stored.
 */
public final class InMemoryRunStore implements RunStore {

    private final Map<String, Run> runs = new LinkedHashMap<>();
    private RuntimeException writeFailure;
    private Consumer<StoredStep> stepWatcher = step -> {};

    private static final class Run {
        RunStart start;
        Budget budget;
        Map<String, StoredStep> steps = new LinkedHashMap<>();
        List<WorkflowEvent> events = new ArrayList<>();
        Optional<RunEnd> end = Optional.empty();
        BudgetUsage usage = BudgetUsage.NONE;

        Run copy() {
            Run copy = new Run();
            copy.start = start;
            copy.budget = budget;
            copy.steps = new LinkedHashMap<>(steps);
            copy.events = new ArrayList<>(events);
            copy.end = end;
            copy.usage = usage;
            return copy;
        }
    }

    /** What a process that died now would leave in a durable store. */
    public synchronized InMemoryRunStore copy() {
        InMemoryRunStore copy = new InMemoryRunStore();
        runs.forEach((id, run) -> copy.runs.put(id, run.copy()));
        return copy;
    }

    /** From now on, every write throws {@code failure}. */
    public synchronized void failWritesWith(RuntimeException failure) {
        this.writeFailure = failure;
    }

    /** Calls {@code watcher} with each step end once it is stored, on the step's thread. */
    public synchronized void watchSteps(Consumer<StoredStep> watcher) {
        this.stepWatcher = watcher;
    }

    /** The budget the run was started or last resumed with. */
    public synchronized Budget budget(String runId) {
        return run(runId).budget;
    }

    @Override
    public synchronized void runStarted(RunStart start) {
        checkWrite();
        Run run = new Run();
        run.start = start;
        run.budget = start.budget();
        runs.put(start.runId(), run);
    }

    @Override
    public synchronized void runResumed(String runId, Budget budget, Instant at) {
        checkWrite();
        Run run = run(runId);
        run.budget = budget;
        run.end = Optional.empty();
    }

    @Override
    public void stepEnded(String runId, StoredStep step, BudgetUsage usage) {
        Consumer<StoredStep> watcher;
        synchronized (this) {
            checkWrite();
            Run run = run(runId);
            run.steps.put(step.occurrence() + "@" + step.record().path(), step);
            run.usage = usage;
            watcher = stepWatcher;
        }
        watcher.accept(step);
    }

    @Override
    public synchronized void eventPublished(WorkflowEvent event) {
        checkWrite();
        run(event.runId()).events.add(event);
    }

    @Override
    public synchronized void runEnded(RunEnd end) {
        checkWrite();
        Run run = run(end.runId());
        run.end = Optional.of(end);
        run.usage = end.usage();
    }

    @Override
    public synchronized Optional<StoredRun> find(String runId) {
        Run run = runs.get(runId);
        if (run == null) {
            return Optional.empty();
        }
        RunStart start = run.start;
        RunStart current = new RunStart(start.runId(), start.workflow(), start.title(), start.input(), start.settings(),
                start.chain(), run.budget, start.at());
        long lastSequence = run.events.isEmpty() ? 0 : run.events.get(run.events.size() - 1).sequence();
        return Optional.of(new StoredRun(summary(run), current, List.copyOf(run.steps.values()), run.end, lastSequence));
    }

    @Override
    public synchronized List<WorkflowEvent> events(String runId) {
        Run run = runs.get(runId);
        return run == null ? List.of() : List.copyOf(run.events);
    }

    @Override
    public synchronized List<RunSummary> list(RunQuery query) {
        return runs.values().stream().map(InMemoryRunStore::summary)
                .sorted(Comparator.comparing(RunSummary::started).reversed())
                .filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public synchronized int deleteStartedBefore(Instant cutoff) {
        List<String> old = runs.values().stream().filter(run -> run.start.at().isBefore(cutoff))
                .map(run -> run.start.runId()).toList();
        old.forEach(runs::remove);
        return old.size();
    }

    @Override
    public void close() {}

    private static RunSummary summary(Run run) {
        RunSummary.Status status = run.end
                .map(end -> RunSummary.Status.of(end.status(), end.exhaustion().isPresent()))
                .orElse(RunSummary.Status.UNFINISHED);
        return new RunSummary(run.start.runId(), run.start.workflow(), run.start.title(), run.start.at(), status,
                run.usage, run.end.map(RunEnd::at));
    }

    private Run run(String runId) {
        Run run = runs.get(runId);
        if (run == null) {
            throw new RunStoreException("no run " + runId + " in this in-memory store");
        }
        return run;
    }

    private void checkWrite() {
        if (writeFailure != null) {
            throw writeFailure;
        }
    }

    @Override
    public String toString() {
        return "in-memory run store";
    }
}
