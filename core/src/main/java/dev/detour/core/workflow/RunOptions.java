package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to run a workflow: its budget, who listens to its events, and optionally its id.
 *
 * @param budget the run's limits
 * @param listeners who receives the run's events, in this order
 * @param runId the id to give the run; a random one when empty
 */
public record RunOptions(Budget budget, List<WorkflowListener> listeners, Optional<String> runId) {

    public RunOptions {
        Require.nonNull(budget, "budget");
        listeners = List.copyOf(Require.nonNull(listeners, "listeners"));
        Require.nonNull(runId, "runId");
        runId.ifPresent(id -> Require.nonBlank(id, "runId"));
    }

    /** No limits, no listeners, a random id. */
    public static RunOptions defaults() {
        return new RunOptions(Budget.unlimited(), List.of(), Optional.empty());
    }

    public RunOptions withBudget(Budget value) {
        return new RunOptions(value, listeners, runId);
    }

    /** These options with {@code listener} added after the others. */
    public RunOptions withListener(WorkflowListener listener) {
        List<WorkflowListener> more = new ArrayList<>(listeners);
        more.add(Require.nonNull(listener, "listener"));
        return new RunOptions(budget, more, runId);
    }

    public RunOptions withRunId(String value) {
        return new RunOptions(budget, listeners, Optional.of(Require.nonBlank(value, "runId")));
    }
}
