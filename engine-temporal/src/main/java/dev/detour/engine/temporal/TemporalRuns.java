package dev.detour.engine.temporal;

import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.RunOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts Detour runs on Temporal and follows them: the client side of {@link TemporalWorker}. A run's id
 * is its Temporal workflow id; its events reach the options' listeners in order, as the workers publish
 * them.
 */
public final class TemporalRuns implements AutoCloseable {

    private final WorkflowClient client;
    private final String taskQueue;
    private final Optional<TemporalConnection> connection;

    private TemporalRuns(WorkflowClient client, String taskQueue, Optional<TemporalConnection> connection) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.connection = connection;
    }

    /**
     * Connects to {@code target}.
     *
     * @throws IllegalStateException naming the target when no Temporal frontend answers there
     */
    public static TemporalRuns connect(TemporalTarget target) {
        TemporalConnection connection = TemporalConnection.open(target);
        return new TemporalRuns(connection.client(), target.taskQueue(), Optional.of(connection));
    }

    /** Runs on {@code client} (made with {@link TemporalConnection#clientOptions}), started on {@code taskQueue}. */
    public static TemporalRuns on(WorkflowClient client, String taskQueue) {
        return new TemporalRuns(Require.nonNull(client, "client"), Require.nonBlank(taskQueue, "taskQueue"), Optional.empty());
    }

    /**
     * Starts the catalog's workflow {@code workflow} on {@code input}, built from {@code settings} (such as
     * the research settings), under {@code options}' budget and id, its calls through the workers' configured
     * chain, and returns at once; {@code options}' listeners hear its events.
     */
    public <O> TemporalRun<O> start(String workflow, Object input, Optional<Object> settings, RunOptions options) {
        return start(workflow, input, settings, List.of(), options);
    }

    /**
     * Like {@link #start(String, Object, Optional, RunOptions)}, its calls through {@code chain}: the request
     * carries it, and each worker builds it from its own providers, failing the call (and so the run) with a
     * message naming a model it cannot call. An empty {@code chain} is the workers' configured one.
     */
    public <O> TemporalRun<O> start(String workflow, Object input, Optional<Object> settings, List<ModelRef> chain,
            RunOptions options) {
        return start(workflow, input, settings, chain, Map.of(), options);
    }

    /**
     * Like {@link #start(String, Object, Optional, List, RunOptions)}, the run's spans children of the span that
     * {@code traceContext} (W3C trace context headers, such as the caller's current span's) names, on every worker.
     */
    public <O> TemporalRun<O> start(String workflow, Object input, Optional<Object> settings, List<ModelRef> chain,
            Map<String, String> traceContext, RunOptions options) {
        return start(workflow, input, settings, chain, traceContext, Optional.empty(), options);
    }

    /**
     * Like {@link #start(String, Object, Optional, List, Map, RunOptions)}, the run's cost and cost budget counted at
     * {@code pricing} on every worker (the prices the caller shows its cost at), not at each worker's own.
     */
    public <O> TemporalRun<O> start(String workflow, Object input, Optional<Object> settings, List<ModelRef> chain,
            Map<String, String> traceContext, Pricing pricing, RunOptions options) {
        Require.nonNull(pricing, "pricing");
        return start(workflow, input, settings, chain, traceContext, Optional.of(PriceTable.of(pricing)), options);
    }

    private <O> TemporalRun<O> start(String workflow, Object input, Optional<Object> settings, List<ModelRef> chain,
            Map<String, String> traceContext, Optional<Map<String, Price>> prices, RunOptions options) {
        Require.nonBlank(workflow, "workflow");
        Require.nonNull(traceContext, "traceContext");
        Require.nonNull(input, "input");
        Require.nonNull(settings, "settings");
        Require.nonNull(chain, "chain");
        Require.nonNull(options, "options");
        String runId = options.runId().orElseGet(() -> UUID.randomUUID().toString());
        WorkflowStub stub = client.newUntypedWorkflowStub(DetourRun.TYPE, WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(taskQueue)
                .build());
        stub.start(new RunRequest(workflow, input, settings, options.budget(), chain, traceContext, prices));
        return TemporalRun.follow(stub, runId, options.listeners());
    }

    /** Follows the run {@code runId} that was started earlier, from its first event. */
    public <O> TemporalRun<O> attach(String runId, RunOptions options) {
        Require.nonBlank(runId, "runId");
        return TemporalRun.follow(client.newUntypedWorkflowStub(runId), runId, options.listeners());
    }

    @Override
    public void close() {
        connection.ifPresent(TemporalConnection::close);
    }

    @Override
    public String toString() {
        return "TemporalRuns[" + taskQueue + "]";
    }
}
