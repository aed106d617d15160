package dev.detour.core.workflow;

import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ModelPort;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The mutable state of one run: its meter, events, records, threads and cancellation flag. */
final class RunState {

    private final String runId;
    private final String workflow;
    private final ModelPort models;
    private final Clock clock;
    private final Instant start;
    private final BudgetMeter meter;
    private final EventDispatcher events;
    private final Pricing pricing;
    private final ConcurrentSkipListMap<Long, StepRecord> steps = new ConcurrentSkipListMap<>();
    private final AtomicLong stepSlots = new AtomicLong();
    private final AtomicReference<String> failedStep = new AtomicReference<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    RunState(String runId, String workflow, ModelPort models, Clock clock, Budget budget, List<WorkflowListener> listeners,
            Pricing pricing) {
        this.pricing = pricing;
        this.runId = runId;
        this.workflow = workflow;
        this.models = models;
        this.clock = clock;
        this.start = clock.instant();
        this.meter = new BudgetMeter(budget, clock, start);
        this.events = new EventDispatcher(clock, listeners);
    }

    String runId() {
        return runId;
    }

    ModelPort models() {
        return models;
    }

    Pricing pricing() {
        return pricing;
    }

    BudgetMeter meter() {
        return meter;
    }

    Instant now() {
        return clock.instant();
    }

    void publish(EventDispatcher.EventFactory factory) {
        events.publish(factory);
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

    long reserveStepSlot() {
        return stepSlots.incrementAndGet();
    }

    void record(long slot, StepRecord record) {
        steps.put(slot, record);
    }

    void noteFailedStep(String path) {
        failedStep.compareAndSet(null, path);
    }

    Optional<String> failedStep() {
        return Optional.ofNullable(failedStep.get());
    }

    RunRecord snapshot() {
        return new RunRecord(runId, workflow, start, List.copyOf(steps.values()), meter.callsUsed());
    }

    boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
        threads.forEach(Thread::interrupt);
    }

    /** Starts a virtual thread that belongs to this run, so cancelling the run interrupts it. */
    Thread startWorker(String purpose, Runnable work) {
        return Thread.ofVirtual().name("detour-" + runId + "-" + purpose).start(() -> runAsMember(work));
    }

    void runAsMember(Runnable work) {
        Thread current = Thread.currentThread();
        threads.add(current);
        try {
            if (cancelled) {
                current.interrupt();
            }
            work.run();
        } finally {
            threads.remove(current);
        }
    }
}
