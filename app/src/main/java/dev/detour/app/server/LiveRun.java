package dev.detour.app.server;

import dev.detour.app.StartedRun;
import dev.detour.core.cost.Pricing;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A run this server started or resumed: its events so far (for streams that join late or reconnect),
 * the streams that follow it, and its result once it ends.
 */
final class LiveRun implements WorkflowListener {

    private final String runId;
    private final String question;
    private final Instant started;
    private final OptionalLong tokenBudget;
    private final Function<WorkflowEvent, String> json;
    private final int maxBacklog;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Frame> history = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile CountDownLatch nextStep = new CountDownLatch(0);
    private final AtomicBoolean slotReleased = new AtomicBoolean();
    private volatile StartedRun handle;
    private volatile ResearchRun finished;

    /**
     * @param earlier the frames the run store holds of the run from before this server resumed it
     * @param json the writer of this run's events, its own
     */
    LiveRun(String runId, String question, Instant started, OptionalLong tokenBudget, List<Frame> earlier,
            Function<WorkflowEvent, String> json, int maxBacklog) {
        this.runId = runId;
        this.question = question;
        this.started = started;
        this.tokenBudget = tokenBudget;
        this.json = json;
        this.maxBacklog = maxBacklog;
        history.addAll(earlier);
    }

    String runId() {
        return runId;
    }

    String question() {
        return question;
    }

    Instant started() {
        return started;
    }

    OptionalLong tokenBudget() {
        return tokenBudget;
    }

    void attach(StartedRun value) {
        this.handle = value;
    }

    @Override
    public void onEvent(WorkflowEvent event) {
        Frame frame = Frame.of(event, json);
        lock.lock();
        try {
            history.add(frame);
            subscriptions.removeIf(subscription -> !subscription.offer(frame));
        } finally {
            lock.unlock();
        }
        if (event instanceof WorkflowEvent.StepCompleted) {
            nextStep.countDown();
        }
    }

    /** A stream of the frames after sequence number {@code after}, then of every live one until the run ends. */
    Subscription subscribe(long after) {
        lock.lock();
        try {
            List<Frame> missed = history.stream().filter(frame -> frame.sequence() > after).toList();
            Subscription subscription = new Subscription(missed, after, maxBacklog);
            if (isDone()) {
                subscription.end();
            } else {
                subscriptions.add(subscription);
            }
            return subscription;
        } finally {
            lock.unlock();
        }
    }

    void unsubscribe(Subscription subscription) {
        lock.lock();
        try {
            subscriptions.remove(subscription);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The run ended with {@code result}: keep its report, with costs at {@code pricing}, and end every stream once it
     * has what is queued.
     */
    void finish(RunResult<ResearchOutcome> result, Pricing pricing) {
        ResearchRun run = new ResearchRun(question, result, ResearchReport.of(question, result, pricing));
        lock.lock();
        try {
            finished = run;
            subscriptions.forEach(Subscription::end);
            subscriptions.clear();
        } finally {
            lock.unlock();
        }
        ended.countDown();
        nextStep.countDown();
    }

    /** True the first time only: the run's place under the concurrency limit is given back once. */
    boolean releaseSlot() {
        return slotReleased.compareAndSet(false, true);
    }

    boolean isDone() {
        return finished != null;
    }

    Optional<ResearchRun> finished() {
        return Optional.ofNullable(finished);
    }

    /** The record of the steps that have ended so far, or of all of them once the run ended. */
    RunRecord record() {
        ResearchRun run = finished;
        if (run != null) {
            return run.result().record();
        }
        StartedRun current = handle;
        return current == null ? new RunRecord(runId, ResearchWorkflow.NAME, started, List.of(), 0) : current.recordSoFar();
    }

    /** Whether the run goes on without this server, on Temporal's workers. */
    boolean outlivesTheServer() {
        StartedRun current = handle;
        return current != null && !current.storedHere();
    }

    void cancel() {
        StartedRun current = handle;
        if (current != null) {
            current.cancel();
        }
    }

    /** Waits at most {@code millis} for the run's next completed step (a durable point to stop at), or its end. */
    boolean awaitNextStepOrEnd(long millis) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        nextStep = latch;
        if (isDone()) {
            return true;
        }
        return latch.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }
}
