package dev.detour.engine.temporal;

import dev.detour.core.cost.Price;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.EventFactory;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of one run inside its Temporal workflow: meter, events, step records, first failed step.
 * Everything in it is rebuilt by replay, so it reads time from {@link Workflow#currentTimeMillis()} only;
 * worker-side listeners and tracing hear each event once, never again on replay or when a workflow task runs again.
 */
final class RunLedger {

    private static final System.Logger LOG = System.getLogger(RunLedger.class.getName());

    private final String runId;
    private final String workflow;
    private final Instant start;
    private final Meter meter;
    private final List<ModelRef> chain;
    private final Optional<Map<String, Price>> prices;
    private final List<WorkflowListener> listeners;
    private final RunTracing tracing;
    private final HeardEvents heard;
    private final String execution;
    private final TracedRun traced;
    private final List<WorkflowEvent> events = new ArrayList<>();
    private final TreeMap<Long, StepRecord> steps = new TreeMap<>();
    private Optional<String> failedStep = Optional.empty();
    private boolean cancelled;

    RunLedger(String runId, String workflow, Budget budget, List<ModelRef> chain, Optional<Map<String, Price>> prices,
            List<WorkflowListener> listeners, RunTracing tracing, HeardEvents heard, Map<String, String> traceContext) {
        this.runId = runId;
        this.workflow = workflow;
        this.start = now();
        this.meter = new Meter(budget, RunLedger::now);
        this.chain = List.copyOf(chain);
        this.prices = prices;
        this.listeners = List.copyOf(listeners);
        this.tracing = tracing;
        this.heard = heard;
        this.execution = Workflow.getInfo().getRunId();
        this.traced = new TracedRun(runId, workflow, start, traceContext);
    }

    static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    String runId() {
        return runId;
    }

    Meter meter() {
        return meter;
    }

    /** The models the run names for its calls; empty for the workers' configured chain. */
    List<ModelRef> chain() {
        return chain;
    }

    /** The prices the run was started with, which its calls are counted at; empty for each worker's own. */
    Optional<Map<String, Price>> prices() {
        return prices;
    }

    /**
     * The trace context the calls of step {@code path} are made in: its span's, as this worker knows it, else
     * the run starter's. Only activity arguments carry it, which replay does not compare.
     */
    Map<String, String> traceContextOf(String path) {
        Map<String, String> step = tracing.contextOf(runId, path);
        return step.isEmpty() ? traced.traceContext() : step;
    }

    /** Publishes an event and returns its sequence number. */
    long publish(EventFactory factory) {
        return publish(factory, now());
    }

    /** Publishes an event that happened at {@code at} (on a worker, for a model attempt). */
    long publish(EventFactory factory, Instant at) {
        WorkflowEvent event = factory.create(events.size() + 1L, at);
        events.add(event);
        if (!Workflow.isReplaying() && heard.firstTime(execution, event)) {
            for (WorkflowListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, () -> "workflow listener " + listener.getClass().getName()
                            + " failed on " + event.getClass().getSimpleName() + " (" + e + "); the run goes on");
                }
            }
            try {
                tracing.onEvent(traced, event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "run tracing " + tracing.getClass().getName() + " failed on "
                        + event.getClass().getSimpleName() + " (" + e + "); the run goes on");
            }
        }
        return event.sequence();
    }

    /** The budget limit that is used up, publishing the exhaustion event the first time one is found. */
    Optional<BudgetExhaustion> exhaustion() {
        Optional<BudgetExhaustion> exhausted = meter.exhaustion();
        exhausted.ifPresent(this::reportExhaustion);
        return exhausted;
    }

    void reportExhaustion(BudgetExhaustion exhaustion) {
        if (meter.firstReportOfExhaustion()) {
            publish((sequence, at) -> new WorkflowEvent.BudgetExhausted(runId, sequence, at, exhaustion));
        }
    }

    void record(long startedSequence, StepRecord record) {
        steps.put(startedSequence, record);
    }

    void noteFailedStep(String path) {
        if (failedStep.isEmpty()) {
            failedStep = Optional.of(path);
        }
    }

    Optional<String> failedStep() {
        return failedStep;
    }

    /** Whether the run was cancelled: Temporal cancellation reached the workflow. */
    boolean isCancelled() {
        if (!cancelled && CancellationScope.current().isCancelRequested()) {
            cancelled = true;
        }
        return cancelled;
    }

    void noteCancelled() {
        cancelled = true;
    }

    RunRecord snapshot() {
        return new RunRecord(runId, workflow, start, List.copyOf(steps.values()), meter.callsUsed());
    }

    List<WorkflowEvent> events() {
        return List.copyOf(events);
    }

    List<WorkflowEvent> eventsAfter(long sequence) {
        return events.size() <= sequence ? List.of() : List.copyOf(events.subList((int) Math.max(0, sequence), events.size()));
    }
}
