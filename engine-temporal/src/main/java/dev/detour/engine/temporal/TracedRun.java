package dev.detour.engine.temporal;

import dev.detour.core.internal.Require;
import java.time.Instant;
import java.util.Map;

/**
 * A run as its traces see it, alike on every worker that executes it, since all of it comes from the run's
 * history: its id, workflow, start, and the trace context of whoever started it.
 *
 * @param runId the run's id
 * @param workflow the name of its workflow
 * @param start when it started, in workflow time
 * @param traceContext the W3C trace context headers current where it was started; empty for none
 */
public record TracedRun(String runId, String workflow, Instant start, Map<String, String> traceContext) {

    public TracedRun {
        Require.nonBlank(runId, "runId");
        Require.nonBlank(workflow, "workflow");
        Require.nonNull(start, "start");
        traceContext = traceContext == null ? Map.of() : Map.copyOf(traceContext);
    }
}
