package dev.detour.core.workflow;

import dev.detour.core.cost.Pricing;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.model.ModelPort;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mutable state of one run: its meter, events, records, store journal, replay of a resumed run,
 * threads and cancellation flag.
 */
final class RunState {

    private final String runId;
    private final String workflow;
    private final ModelPort models;
    private final EvidenceSources evidence;
    private final Clock clock;
    private final Instant start;
    private final BudgetMeter meter;
    private final EventDispatcher events;
    private final Pricing pricing;
    private final RunJournal journal;
    private final Replay replay;
    private final AtomicReference<BudgetExhaustion> firstExhaustion = new AtomicReference<>();
    private final ConcurrentSkipListMap<Long, StepRecord> steps = new ConcurrentSkipListMap<>();
    private final AtomicReference<String> failedStep = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>(1);
    private volatile boolean cancelled;

    /**
     * A new run, or the continuation of {@code resumed}: then the record starts where the stored run did,
     * the meter counts on from what it used (its cost at {@code pricing}), and events number on from its last.
     */
    RunState(String runId, String workflow, ModelPort models, EvidenceSources evidence, Clock clock, Budget budget,
            List<WorkflowListener> listeners, RunJournal journal, Optional<StoredRun> resumed, Pricing pricing) {
        this.pricing = pricing;
        this.runId = runId;
        this.workflow = workflow;
        this.models = models;
        this.evidence = evidence;
        this.clock = clock;
        this.start = resumed.map(stored -> stored.start().at()).orElseGet(clock::instant);
        this.meter = new BudgetMeter(budget, clock, resumed.map(stored -> stored.summary().usage()).orElse(BudgetUsage.NONE));
        resumed.ifPresent(stored -> meter.charge(stored.record().cost(pricing)));
        this.journal = journal;
        this.events = new EventDispatcher(clock, listeners, journal, resumed.map(StoredRun::lastSequence).orElse(0L));
        this.replay = new Replay(resumed.map(StoredRun::steps).orElse(List.of()));
    }

    String runId() {
        return runId;
    }

    /** When the run began: now for a new run, the stored start for a resumed one. */
    Instant start() {
        return start;
    }

    ModelPort models() {
        return models;
    }

    Pricing pricing() {
        return pricing;
    }

    EvidenceSources evidence() {
        return evidence;
    }

    BudgetMeter meter() {
        return meter;
    }

    Instant now() {
        return clock.instant();
    }

    /** Publishes an event and returns its sequence number. */
    long publish(EventFactory factory) {
        return events.publish(factory);
    }

    RunJournal journal() {
        return journal;
    }

    Replay replay() {
        return replay;
    }

    /** Stores a step's end; for a completion, durable before the step's output goes to anything that depends on it. */
    void stepEnded(StoredStep step) {
        journal.stepEnded(step, meter.usage());
    }

    /** The first budget limit this session found used up, if any. */
    Optional<BudgetExhaustion> firstExhaustion() {
        return Optional.ofNullable(firstExhaustion.get());
    }

    /** The budget limit that is used up, publishing the exhaustion event the first time one is found. */
    Optional<BudgetExhaustion> exhaustion() {
        Optional<BudgetExhaustion> exhausted = meter.exhaustion();
        exhausted.ifPresent(this::reportExhaustion);
        return exhausted;
    }

    void reportExhaustion(BudgetExhaustion exhaustion) {
        if (meter.firstReportOfExhaustion()) {
            firstExhaustion.compareAndSet(null, exhaustion);
            publish((sequence, at) -> new WorkflowEvent.BudgetExhausted(runId, sequence, at, exhaustion));
        }
    }

    /** Keeps a step's record in start order: by the sequence number of its {@code StepStarted} event. */
    void record(long startedSequence, StepRecord record) {
        steps.put(startedSequence, record);
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
        synchronized (threads) {
            threads.forEach(Thread::interrupt);
        }
    }

    /** Starts a virtual thread that belongs to this run, so cancelling the run interrupts it. */
    Thread startWorker(String purpose, Runnable work) {
        return Thread.ofVirtual().name("detour-" + runId + "-" + purpose).start(() -> runAsMember(work));
    }

    void runAsMember(Runnable work) {
        Thread current = Thread.currentThread();
        synchronized (threads) {
            threads.add(current);
        }
        try {
            if (cancelled) {
                current.interrupt();
            }
            work.run();
        } finally {
            synchronized (threads) {
                threads.remove(current);
            }
        }
    }
}
