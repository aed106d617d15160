package dev.detour.engine.temporal;

import dev.detour.core.cost.Cost;
import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.AnswerRule;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.CitationRule;
import dev.detour.core.model.CallPausedException;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.StreamListener;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes one model call through the worker's {@link ModelPort}, or the chain the run names (the resilience chain: its retries,
 * Retry-After waits, fallback and circuit breakers, shared by every run on this worker), heartbeating
 * while it runs so a dead worker is noticed and a cancelled run interrupts the call.
 *
 * <p>What the chain decided is final: an answer, or a failure that is not retried (Detour's ledger in its
 * details). Temporal retries a call only when the worker could not finish it: it died, hung past its
 * heartbeat, or stopped (interrupted without the run being cancelled). A wait before a retry longer than
 * {@link CallTimeouts#longestWaitInCall()} is not slept here: the call pauses, and the workflow waits it out.
 * What the call's attempts cost at the run's prices (the worker's, for a run that carries none) goes back with it,
 * for the run's cost budget, which the chain holds each attempt's worst case to at the same prices.
 */
final class ModelCallActivity implements ModelCalls {

    private static final int MOST_NAMED_CHAINS_KEPT = 64;

    private final WorkerModels models;
    private final Clock clock;
    private final CallTimeouts timeouts;
    private final RunTracing tracing;
    private final Map<PricedChain, ModelPort> namedChains = new ConcurrentHashMap<>();

    /** A chain a run names (none for the configured models) at the prices the run counts its cost at. */
    private record PricedChain(List<ModelRef> models, Pricing pricing) {}

    ModelCallActivity(WorkerModels models, Clock clock, CallTimeouts timeouts, RunTracing tracing) {
        this.models = Require.nonNull(models, "models");
        this.clock = Require.nonNull(clock, "clock");
        this.timeouts = Require.nonNull(timeouts, "timeouts");
        this.tracing = Require.nonNull(tracing, "tracing");
    }

    @Override
    public CallOutcome call(ModelCall call) {
        Pricing pricing;
        ModelPort chain;
        try {
            pricing = call.prices().map(PriceTable::pricing).orElse(models.pricing());
            chain = chain(new PricedChain(call.chain(), call.costLeft().isPresent() ? pricing : models.pricing()));
        } catch (IllegalArgumentException refused) {
            FailureFacts facts = FailureFacts.of(new IllegalArgumentException("step " + call.step() + " of run " + call.runId()
                    + " names a chain this worker cannot call, or prices it cannot read: " + refused.getMessage()
                    + " (give the worker's configuration the providers the run's chain names, and run the same Detour"
                    + " version where runs start and on the workers)", refused));
            throw ApplicationFailure.newNonRetryableFailure(facts.message(), facts.type(),
                    new CallFailure(List.of(), facts, Cost.ZERO));
        }
        Notices notices = new Notices(clock);
        Optional<Instant> deadline = call.timeLeft().map(clock.instant()::plus);
        CallContext context = new CallContext(notices, notices, deadline, call.costLeft(),
                Optional.of(timeouts.longestWaitInCall()), call.resumeFrom());
        Heartbeat heartbeat = Heartbeat.start(Activity.getExecutionContext(), Thread.currentThread(), timeouts.heartbeatEvery());
        Instant start = clock.instant();
        try {
            ChatRequest request = notices.announcingRejectedCitations(call.request());
            ChatResponse response = tracing.within(call.traceContext(), () -> chain.chat(request, context));
            return CallOutcome.answered(response, notices.list(), pricing.costOf(made(response, start)));
        } catch (CallPausedException paused) {
            return CallOutcome.paused(new CallOutcome.Pause(paused.waitFor(), paused.position()), notices.list());
        } catch (CancellationException interrupted) {
            if (!heartbeat.cancelled()) {
                throw ApplicationFailure.newFailure("the worker stopped during the call of step " + call.step()
                        + "; Temporal gives it to another worker", "WorkerStopped");
            }
            FailureFacts facts = FailureFacts.of(
                    new CancellationException("run " + call.runId() + " was cancelled during step " + call.step()));
            throw ApplicationFailure.newNonRetryableFailure(facts.message(), facts.type(),
                    new CallFailure(notices.list(), facts, Cost.ZERO));
        } catch (RuntimeException failure) {
            FailureFacts facts = FailureFacts.of(failure);
            throw ApplicationFailure.newNonRetryableFailure(facts.message(), facts.type(),
                    new CallFailure(notices.list(), facts, pricing.costOf(failed(failure, start))));
        } finally {
            heartbeat.stop();
        }
    }

    /**
     * The worker's configured chain for a run that names none at the worker's prices, else the one named (or
     * configured) at the run's (which a chain checks worst cases at only under a cost budget), built once while few
     * are.
     */
    private ModelPort chain(PricedChain named) {
        if (named.models().isEmpty() && named.pricing().equals(models.pricing())) {
            return models.configured();
        }
        ModelPort kept = namedChains.get(named);
        if (kept != null) {
            return kept;
        }
        ModelPort built = Require.nonNull(models.chains().apply(named.models(), named.pricing()), "chain");
        if (namedChains.size() < MOST_NAMED_CHAINS_KEPT) {
            namedChains.putIfAbsent(named, built);
        }
        return built;
    }

    /** The attempts an answer was made of, as the embedded engine counts them for a port that lists none. */
    private List<Attempt> made(ChatResponse response, Instant start) {
        return response.attempts().isEmpty()
                ? List.of(Attempt.succeeded(response.model(), response.inferenceProvider().orElse(null), 0, start,
                        Duration.between(start, clock.instant())).withUsage(response.usage()))
                : response.attempts();
    }

    private List<Attempt> failed(RuntimeException failure, Instant start) {
        return switch (failure) {
            case AllModelsFailedError all -> all.attempts();
            case ModelCallException model -> List.of(Attempt.failed(model, 0, start, Duration.between(start, clock.instant())));
            default -> List.of();
        };
    }

    /** Keeps what the chain announces, in order, with the worker's time. */
    private static final class Notices implements AttemptListener, StreamListener {

        private final Clock clock;
        private final List<CallNotice> notices = new ArrayList<>();

        Notices(Clock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized void attemptStarted(ModelRef model, int retry) {
            notices.add(CallNotice.started(clock.instant(), model, retry));
        }

        @Override
        public synchronized void attemptFinished(Attempt attempt) {
            notices.add(CallNotice.finished(clock.instant(), attempt));
        }

        @Override
        public synchronized void retryScheduled(ModelRef model, int retry, Duration wait) {
            notices.add(CallNotice.retryScheduled(clock.instant(), model, retry, wait));
        }

        @Override
        public synchronized void fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {
            notices.add(CallNotice.fallback(clock.instant(), from, to, lastAttemptOfFrom));
        }

        @Override
        public void onText(String delta) {
            // The whole text reaches the step with the answer.
        }

        @Override
        public synchronized void onReset(ModelRef failedModel, ModelRef nextModel) {
            notices.add(CallNotice.reset(clock.instant(), failedModel, nextModel));
        }

        /** {@code request} with each citation rule also noting the citations it rejects. */
        ChatRequest announcingRejectedCitations(ChatRequest request) {
            if (request.rules().stream().noneMatch(CitationRule.class::isInstance)) {
                return request;
            }
            return request.withRules(request.rules().stream().map(rule -> rule instanceof CitationRule citations
                    ? (AnswerRule) answer -> {
                        List<Integer> rejected = citations.rejected(answer.text());
                        if (!rejected.isEmpty()) {
                            synchronized (this) {
                                notices.add(CallNotice.citationsRejected(clock.instant(), answer.model(),
                                        citations.evidenceCount(), rejected));
                            }
                        }
                        return citations.violation(answer);
                    }
                    : rule).toList());
        }

        synchronized List<CallNotice> list() {
            return List.copyOf(notices);
        }
    }

    /**
     * Heartbeats from a virtual thread; when Temporal says the activity is cancelled, or the worker is
     * stopping, interrupts the call. Only the first is the run's cancellation.
     */
    private static final class Heartbeat implements Runnable {

        private final ActivityExecutionContext context;
        private final Thread caller;
        private final Duration every;
        private volatile boolean stopped;
        private volatile boolean cancelled;
        private Thread thread;

        private Heartbeat(ActivityExecutionContext context, Thread caller, Duration every) {
            this.context = context;
            this.caller = caller;
            this.every = every;
        }

        static Heartbeat start(ActivityExecutionContext context, Thread caller, Duration every) {
            Heartbeat heartbeat = new Heartbeat(context, caller, every);
            heartbeat.thread = Thread.ofVirtual().name("detour-heartbeat").start(heartbeat);
            return heartbeat;
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    context.heartbeat(null);
                } catch (ActivityCompletionException e) {
                    synchronized (this) {
                        if (!stopped) {
                            cancelled = e instanceof ActivityCanceledException;
                            caller.interrupt();
                        }
                    }
                    return;
                }
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        boolean cancelled() {
            return cancelled;
        }

        void stop() {
            synchronized (this) {
                stopped = true;
            }
            thread.interrupt();
            if (cancelled) {
                Thread.interrupted();
            }
        }
    }
}
