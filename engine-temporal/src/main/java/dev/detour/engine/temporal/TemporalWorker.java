package dev.detour.engine.temporal;

import dev.detour.core.internal.Require;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.SourceRef;
import dev.detour.core.workflow.WorkflowListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Temporal worker for Detour runs on one task queue: it interprets the workflows of its
 * {@link WorkflowCatalog} and makes their model calls through {@code models}, the process's resilience
 * chain (its circuit breakers are this worker's). Start as many workers as there are machines; each run
 * goes on on any of them, and a run whose worker dies goes on on another.
 *
 * <p>Every worker of a task queue must run the same Detour version with the same catalog: a worker
 * replays the steps of runs other workers began.
 */
public final class TemporalWorker implements AutoCloseable {

    /**
     * What a worker takes from its task queue: runs (interpreting workflows, no model call of its own),
     * model calls (the chain, its keys and breakers), or both, which is what one machine usually runs.
     */
    public enum Serves {
        RUNS_AND_CALLS, RUNS, CALLS;

        boolean runs() {
            return this != CALLS;
        }

        boolean calls() {
            return this != RUNS;
        }
    }

    private final WorkerFactory factory;
    private final Optional<TemporalConnection> connection;
    private final String taskQueue;

    private TemporalWorker(WorkerFactory factory, Optional<TemporalConnection> connection, String taskQueue) {
        this.factory = factory;
        this.connection = connection;
        this.taskQueue = taskQueue;
    }

    /**
     * Connects to {@code target} and starts polling its task queue, for runs that search no evidence source.
     *
     * @param listeners hear every event of every run this worker executes, once (not again on replay)
     */
    public static TemporalWorker start(TemporalTarget target, ModelPort models, WorkflowCatalog catalog,
            List<WorkflowListener> listeners) {
        return start(target, WorkerModels.only(models), EvidenceSources.none(), catalog, listeners, Serves.RUNS_AND_CALLS);
    }

    /**
     * Connects to {@code target} and starts polling its task queue for what {@code serves} says: runs whose steps
     * call {@code models} (the configured chain, or one a run names) and search {@code evidence}, which every worker
     * of the queue must have alike.
     *
     * @param listeners hear every event of every run this worker executes, once (not again on replay)
     */
    public static TemporalWorker start(TemporalTarget target, WorkerModels models, EvidenceSources evidence,
            WorkflowCatalog catalog, List<WorkflowListener> listeners, Serves serves) {
        return start(target, models, evidence, catalog, listeners, RunTracing.NONE, serves);
    }

    /**
     * Like {@link #start(TemporalTarget, WorkerModels, EvidenceSources, WorkflowCatalog, List, Serves)}, its runs and
     * calls traced by {@code tracing}.
     */
    public static TemporalWorker start(TemporalTarget target, WorkerModels models, EvidenceSources evidence,
            WorkflowCatalog catalog, List<WorkflowListener> listeners, RunTracing tracing, Serves serves) {
        TemporalConnection connection = TemporalConnection.open(target);
        try {
            return start(connection.client(), target.taskQueue(), models, evidence, catalog, listeners,
                    Require.nonNull(tracing, "tracing"), Optional.of(connection), CallTimeouts.DEFAULTS,
                    Require.nonNull(serves, "serves"));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Starts a worker on {@code client} (made with {@link TemporalConnection#clientOptions}) polling {@code taskQueue}. */
    public static TemporalWorker start(WorkflowClient client, String taskQueue, ModelPort models, WorkflowCatalog catalog,
            List<WorkflowListener> listeners) {
        return start(client, taskQueue, models, EvidenceSources.none(), catalog, listeners);
    }

    /** Like {@link #start(WorkflowClient, String, ModelPort, WorkflowCatalog, List)}, for runs that search {@code evidence}. */
    public static TemporalWorker start(WorkflowClient client, String taskQueue, ModelPort models, EvidenceSources evidence,
            WorkflowCatalog catalog, List<WorkflowListener> listeners) {
        return start(client, taskQueue, WorkerModels.only(models), evidence, catalog, listeners);
    }

    /** Like {@link #start(WorkflowClient, String, ModelPort, EvidenceSources, WorkflowCatalog, List)}, for runs that may name a chain. */
    public static TemporalWorker start(WorkflowClient client, String taskQueue, WorkerModels models, EvidenceSources evidence,
            WorkflowCatalog catalog, List<WorkflowListener> listeners) {
        return start(client, taskQueue, models, evidence, catalog, listeners, RunTracing.NONE);
    }

    /**
     * Like {@link #start(WorkflowClient, String, WorkerModels, EvidenceSources, WorkflowCatalog, List)}, its runs and
     * calls traced by {@code tracing}.
     */
    public static TemporalWorker start(WorkflowClient client, String taskQueue, WorkerModels models, EvidenceSources evidence,
            WorkflowCatalog catalog, List<WorkflowListener> listeners, RunTracing tracing) {
        return start(client, taskQueue, models, evidence, catalog, listeners, Require.nonNull(tracing, "tracing"),
                Optional.empty(), CallTimeouts.DEFAULTS, Serves.RUNS_AND_CALLS);
    }

    static TemporalWorker start(WorkflowClient client, String taskQueue, ModelPort models, WorkflowCatalog catalog,
            List<WorkflowListener> listeners, Optional<TemporalConnection> connection, CallTimeouts timeouts) {
        return start(client, taskQueue, WorkerModels.only(models), EvidenceSources.none(), catalog, listeners,
                RunTracing.NONE, connection, timeouts, Serves.RUNS_AND_CALLS);
    }

    private static TemporalWorker start(WorkflowClient client, String taskQueue, WorkerModels models, EvidenceSources evidence,
            WorkflowCatalog catalog, List<WorkflowListener> listeners, RunTracing tracing,
            Optional<TemporalConnection> connection, CallTimeouts timeouts, Serves serves) {
        Require.nonNull(client, "client");
        Require.nonBlank(taskQueue, "taskQueue");
        Require.nonNull(models, "models");
        Require.nonNull(evidence, "evidence");
        Require.nonNull(catalog, "catalog");
        List<WorkflowListener> heard = List.copyOf(Require.nonNull(listeners, "listeners"));
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(taskQueue);
        if (serves.runs()) {
            register(worker, catalog, heard, tracing, timeouts, evidence.sources());
        }
        if (serves.calls()) {
            worker.registerActivitiesImplementations(new ModelCallActivity(models, Clock.systemUTC(), timeouts, tracing),
                    new SearchActivity(evidence, Clock.systemUTC()));
        }
        factory.start();
        return new TemporalWorker(factory, connection, taskQueue);
    }

    /**
     * Registers Detour's workflow and activities on {@code worker}, of a {@code WorkerFactory} the caller made with
     * options of its own (a workflow cache size, interceptors) and starts and stops itself: runs and model calls as
     * {@link #start(WorkflowClient, String, WorkerModels, EvidenceSources, WorkflowCatalog, List, RunTracing)} has them.
     */
    public static void register(Worker worker, WorkerModels models, EvidenceSources evidence, WorkflowCatalog catalog,
            List<WorkflowListener> listeners, RunTracing tracing) {
        Require.nonNull(worker, "worker");
        Require.nonNull(models, "models");
        Require.nonNull(evidence, "evidence");
        Require.nonNull(catalog, "catalog");
        Require.nonNull(tracing, "tracing");
        register(worker, catalog, List.copyOf(Require.nonNull(listeners, "listeners")), tracing, CallTimeouts.DEFAULTS,
                evidence.sources());
        worker.registerActivitiesImplementations(new ModelCallActivity(models, Clock.systemUTC(), CallTimeouts.DEFAULTS, tracing),
                new SearchActivity(evidence, Clock.systemUTC()));
    }

    /** Registers the Detour run workflow on {@code worker}, whose steps search {@code sources}. */
    static void register(Worker worker, WorkflowCatalog catalog, List<WorkflowListener> listeners, RunTracing tracing,
            CallTimeouts timeouts, List<SourceRef> sources) {
        List<SourceRef> searched = List.copyOf(sources);
        HeardEvents heard = new HeardEvents();
        worker.registerWorkflowImplementationFactory(DetourRun.class,
                () -> new DetourRunWorkflow(catalog, listeners, tracing, heard, timeouts, searched));
    }

    /** The task queue it polls. */
    public String taskQueue() {
        return taskQueue;
    }

    /** Stops polling, lets the calls in flight finish, and disconnects. */
    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(30, TimeUnit.SECONDS);
        connection.ifPresent(TemporalConnection::close);
    }

    /** Stops at once, abandoning the calls in flight as a crashed worker would: Temporal gives them to another worker. */
    public void shutdownNow() {
        factory.shutdownNow();
        factory.awaitTermination(5, TimeUnit.SECONDS);
        connection.ifPresent(TemporalConnection::close);
    }

    @Override
    public String toString() {
        return "TemporalWorker[" + taskQueue + "]";
    }
}
