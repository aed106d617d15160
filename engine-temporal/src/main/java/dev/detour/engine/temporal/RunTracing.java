package dev.detour.engine.temporal;

import dev.detour.core.workflow.WorkflowEvent;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How the runs a worker executes show in the traces of whoever started them, for a tracing library this engine
 * does not know: each run's events with its starter's trace context, and the trace context each model call is
 * made in. A trace context is a set of W3C Trace Context headers ({@code traceparent}, {@code tracestate}).
 *
 * <p>Events are heard from workflow code as it runs a workflow task, never when it replays one; a run may go on on
 * another worker, which then hears only its remaining events, plus those a failed workflow task had already published
 * on the first worker, which it publishes again when the task runs there. Do not block in it: it runs on workflow
 * threads.
 */
public interface RunTracing {

    /** Traces nothing. */
    RunTracing NONE = new RunTracing() {
        @Override
        public void onEvent(TracedRun run, WorkflowEvent event) {
            // Nothing is traced.
        }

        @Override
        public Map<String, String> contextOf(String runId, String step) {
            return Map.of();
        }

        @Override
        public <T> T within(Map<String, String> traceContext, Supplier<T> call) {
            return call.get();
        }

        @Override
        public String toString() {
            return "RunTracing.NONE";
        }
    };

    /** Hears {@code event} of {@code run}, once, on the worker that ran it. */
    void onEvent(TracedRun run, WorkflowEvent event);

    /** The trace context the calls of step {@code step} of run {@code runId} are made in; empty when this worker knows none. */
    Map<String, String> contextOf(String runId, String step);

    /** Makes {@code call} with {@code traceContext} current, on the worker that makes a model call. */
    <T> T within(Map<String, String> traceContext, Supplier<T> call);
}
