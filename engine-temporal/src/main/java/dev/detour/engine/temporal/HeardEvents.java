package dev.detour.engine.temporal;

import dev.detour.core.workflow.WorkflowEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last event of each run execution that a worker's listeners and tracing heard. A workflow task that fails
 * after it published events (its worker was too slow for the deadlock detector, say) runs again from its start, not
 * as a replay, and publishes them again, with the same sequence numbers: those are heard once. A new execution of the
 * run (a reset, or the run id started again) numbers its events afresh, and is heard as a run of its own.
 */
final class HeardEvents {

    private static final int MOST_RUNS_KEPT = 10_000;

    private final Map<String, Long> lastHeard = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MOST_RUNS_KEPT;
        }
    };

    /**
     * Whether {@code event}, published by the workflow execution {@code execution} (Temporal's run id), was not heard
     * before on this worker; it counts as heard from now on.
     */
    synchronized boolean firstTime(String execution, WorkflowEvent event) {
        String key = event.runId() + '\n' + execution;
        Long last = lastHeard.get(key);
        if (last != null && event.sequence() <= last) {
            return false;
        }
        lastHeard.put(key, event.sequence());
        return true;
    }
}
