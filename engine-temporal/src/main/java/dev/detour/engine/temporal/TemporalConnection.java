package dev.detour.engine.temporal;

import dev.detour.core.internal.Require;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection to a Temporal frontend with the client Detour's runs need (its data converter and
 * namespace). Open one per process and close it at shutdown; a process that has its own client makes it
 * with {@link #clientOptions(String)}.
 */
public final class TemporalConnection implements AutoCloseable {

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final TemporalTarget target;

    private TemporalConnection(WorkflowServiceStubs service, WorkflowClient client, TemporalTarget target) {
        this.service = service;
        this.client = client;
        this.target = target;
    }

    /**
     * Connects to {@code target}; fails at once if the frontend does not answer.
     *
     * @throws IllegalStateException naming the target when no Temporal frontend answers there
     */
    public static TemporalConnection open(TemporalTarget target) {
        Require.nonNull(target, "target");
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target.target()).build());
        try {
            service.healthCheck();
        } catch (RuntimeException e) {
            service.shutdownNow();
            throw new IllegalStateException("no Temporal frontend answers at " + target.target() + " (" + e.getMessage()
                    + "); start one (temporal server start-dev) or set temporal.target", e);
        }
        return new TemporalConnection(service, WorkflowClient.newInstance(service, clientOptions(target.namespace())), target);
    }

    /** The options of a client for Detour's runs in {@code namespace}: above all, how its values are written. */
    public static WorkflowClientOptions clientOptions(String namespace) {
        return WorkflowClientOptions.newBuilder()
                .setNamespace(Require.nonBlank(namespace, "namespace"))
                .setDataConverter(DetourJson.CONVERTER)
                .build();
    }

    /** The client, for a worker or for starting runs. */
    public WorkflowClient client() {
        return client;
    }

    /** Where it is connected. */
    public TemporalTarget target() {
        return target;
    }

    @Override
    public void close() {
        service.shutdown();
        service.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "TemporalConnection[" + target.target() + ", namespace " + target.namespace() + "]";
    }

    static Duration pollEvery() {
        return Duration.ofMillis(200);
    }
}
