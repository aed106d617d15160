package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to run a workflow: its budget, who listens to its events, optionally its id, and what a run store
 * keeps with it so a resume can build the same workflow again.
 *
 * @param budget the run's limits
 * @param listeners who receives the run's events, in this order
 * @param runId the id to give the run; a random one when empty
 * @param settings what the workflow was built from (such as research settings), stored with the run
 * @param chain the models the run's calls go through, stored with the run for its history
 */
public record RunOptions(Budget budget, List<WorkflowListener> listeners, Optional<String> runId,
        Optional<Object> settings, List<ModelRef> chain) {

    public RunOptions {
        Require.nonNull(budget, "budget");
        listeners = List.copyOf(Require.nonNull(listeners, "listeners"));
        Require.nonNull(runId, "runId");
        runId.ifPresent(id -> Require.nonBlank(id, "runId"));
        Require.nonNull(settings, "settings");
        chain = List.copyOf(Require.nonNull(chain, "chain"));
    }

    /** Options with a budget, listeners and perhaps an id, storing no settings and no chain. */
    public RunOptions(Budget budget, List<WorkflowListener> listeners, Optional<String> runId) {
        this(budget, listeners, runId, Optional.empty(), List.of());
    }

    /** No limits, no listeners, a random id. */
    public static RunOptions defaults() {
        return new RunOptions(Budget.unlimited(), List.of(), Optional.empty());
    }

    public RunOptions withBudget(Budget value) {
        return new RunOptions(value, listeners, runId, settings, chain);
    }

    /** These options with {@code listener} added after the others. */
    public RunOptions withListener(WorkflowListener listener) {
        List<WorkflowListener> more = new ArrayList<>(listeners);
        more.add(Require.nonNull(listener, "listener"));
        return new RunOptions(budget, more, runId, settings, chain);
    }

    public RunOptions withRunId(String value) {
        return new RunOptions(budget, listeners, Optional.of(Require.nonBlank(value, "runId")), settings, chain);
    }

    /** These options storing {@code value} with the run, such as the settings its workflow was built from. */
    public RunOptions withSettings(Object value) {
        return new RunOptions(budget, listeners, runId, Optional.of(Require.nonNull(value, "settings")), chain);
    }

    public RunOptions withChain(List<ModelRef> value) {
        return new RunOptions(budget, listeners, runId, settings, value);
    }
}
