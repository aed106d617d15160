package dev.detour.app.resilience;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.resilience.PlannedRetries.RetryPlanned;
import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Durations;
import dev.detour.core.internal.Require;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.CallPausedException;
import dev.detour.core.model.ChainPosition;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.StreamListener;
import dev.detour.core.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link ModelPort} over an ordered chain of models: per model, retries of what DESIGN §3 marks
 * retryable (see {@link RetryRule}), behind a circuit breaker; across models, fallback in order, with
 * {@code InvalidRequest} failing fast and {@link AllModelsFailedError} after the last model.
 *
 * <p>Only the provider's own failures count against its breaker: an attempt the caller cut short (its
 * deadline, a cancellation, an interrupt) and whatever the caller's listeners throw do not. Its links' ports
 * are {@link CheckedPort}s (as {@link Chains} makes them), so an answer that fails the {@link AnswerCheck} is the
 * attempt's failure, and every attempt and skip is announced to the call's {@link AttemptListener} as it happens
 * and kept in the answer's {@link ChatResponse#attempts() attempts}.
 *
 * <p>A caller that waits its own way ({@link CallContext#longestWait()}) gets a {@link CallPausedException}
 * instead of a sleep longer than that, and resumes the call from its {@link ChainPosition}: the same model's
 * next try, with every attempt so far.
 */
final class ResilientChain implements ModelPort {

    /** Failures that say something about the provider's health, and so count against its breaker. */
    static final Set<ErrorKind> PROVIDER_FAILURES = EnumSet.of(
            ErrorKind.PROVIDER_UNAVAILABLE, ErrorKind.TIMEOUT, ErrorKind.RATE_LIMITED, ErrorKind.QUOTA_EXCEEDED,
            ErrorKind.AUTHENTICATION_FAILED, ErrorKind.MODEL_UNAVAILABLE, ErrorKind.MALFORMED_RESPONSE);

    private final List<ChainLink> links;
    private final ResilienceConfig config;
    private final CircuitBreakers breakers;
    private final Clock clock;
    private final RetryRule retryRule;
    private final Pricing pricing;

    ResilientChain(List<ChainLink> links, ResilienceConfig config, CircuitBreakers breakers, Clock clock) {
        this(links, config, breakers, clock, Pricing.none());
    }

    ResilientChain(List<ChainLink> links, ResilienceConfig config, CircuitBreakers breakers, Clock clock, Pricing pricing) {
        this.pricing = Require.nonNull(pricing, "pricing");
        this.links = List.copyOf(Require.nonNull(links, "links"));
        if (this.links.isEmpty()) {
            throw new IllegalArgumentException("links must hold at least one model, was []");
        }
        this.config = Require.nonNull(config, "config");
        this.breakers = Require.nonNull(breakers, "breakers");
        this.clock = Require.nonNull(clock, "clock");
        this.retryRule = new RetryRule(config, new Backoff(config.backoff(), () -> ThreadLocalRandom.current().nextDouble()));
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Require.nonNull(request, "request");
        Require.nonNull(context, "context");
        Optional<Instant> deadline = context.resumeFrom().isPresent()
                ? context.resumeFrom().get().deadline()
                : callDeadline(context);
        return new Call(request, context, deadline, context.costLeft()).run();
    }

    private Optional<Instant> callDeadline(CallContext context) {
        Optional<Instant> own = config.callDeadline().map(clock.instant()::plus);
        if (own.isEmpty()) {
            return context.deadline();
        }
        if (context.deadline().isEmpty()) {
            return own;
        }
        return Optional.of(own.get().isBefore(context.deadline().get()) ? own.get() : context.deadline().get());
    }

    /** One call through the chain: its attempts, its stream, its deadline and the tokens it spent. */
    private final class Call {

        private final ChatRequest request;
        private final Optional<Instant> deadline;
        private final Optional<BigDecimal> costLeft;
        private final AttemptListener listener;
        private final ResettableStream stream;
        private final List<Attempt> attempts = new ArrayList<>();
        private final Optional<Duration> longestWait;
        private Optional<ChainPosition> resume;
        private TokenUsage spent = TokenUsage.NONE;

        Call(ChatRequest request, CallContext context, Optional<Instant> deadline, Optional<BigDecimal> costLeft) {
            this.request = request;
            this.deadline = deadline;
            this.costLeft = costLeft;
            this.listener = CallerListeners.shielded(context.attemptListener());
            this.stream = new ResettableStream(CallerListeners.shielded(context.streamListener()));
            this.longestWait = context.longestWait();
            this.resume = context.resumeFrom();
            resume.ifPresent(position -> {
                if (position.link() >= links.size() || !links.get(position.link()).model().equals(position.model())) {
                    throw new IllegalStateException("the call paused at " + position.model() + ", which is not model "
                            + (position.link() + 1) + " of this chain " + links.stream().map(ChainLink::model).toList()
                            + "; every worker of a task queue must have the same chain");
                }
                attempts.addAll(position.attempts());
                spent = position.spent();
            });
        }

        ChatResponse run() {
            ModelCallException lastFailure = null;
            for (int index = resume.map(ChainPosition::link).orElse(0); index < links.size(); index++) {
                ChainLink link = links.get(index);
                if (Deadlines.passed(deadline, clock)) {
                    skipRemaining(index);
                    break;
                }
                try {
                    ChatResponse response = tryModel(link, index);
                    return response.withUsage(spent.plus(response.usage())).withAttempts(attempts);
                } catch (ModelSkipped skipped) {
                    // Recorded where it was decided; go on to the next model.
                } catch (DeadlineReached reached) {
                    if (reached.failure != null) {
                        lastFailure = reached.failure;
                    }
                    boolean tried = attempts.stream().anyMatch(attempt -> attempt.model().equals(link.model()));
                    skipRemaining(tried ? index + 1 : index);
                    break;
                } catch (ModelCallException failure) {
                    if (!failure.fallBackAllowed()) {
                        throw spent.equals(failure.usage()) ? failure : failure.toBuilder().usage(spent).build();
                    }
                    lastFailure = failure;
                }
                if (index + 1 < links.size()) {
                    listener.fallbackTaken(link.model(), links.get(index + 1).model(), attempts.get(attempts.size() - 1));
                }
            }
            throw new AllModelsFailedError(attempts, lastFailure, spent);
        }

        private ChatResponse tryModel(ChainLink link, int index) {
            ModelBreaker breaker = breakers.of(link.model());
            ModelTries tries = new ModelTries();
            resume.ifPresent(position -> {
                tries.next = position.retry();
                tries.malformed = position.malformed();
            });
            resume = Optional.empty();
            return PlannedRetries.run(() -> attempt(link, index, breaker, tries),
                    () -> "interrupted while waiting to retry " + link.model());
        }

        private ChatResponse attempt(ChainLink link, int index, ModelBreaker breaker, ModelTries tries) {
            int retry = tries.next++;
            if (Deadlines.passed(deadline, clock)) {
                throw new DeadlineReached(null);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted before calling " + link.model());
            }
            Optional<String> unaffordable = unaffordable(link.model());
            if (unaffordable.isPresent()) {
                record(Attempt.skipped(link.model(), SkipReason.COST_BUDGET, unaffordable.get(), clock.instant()));
                throw new ModelSkipped();
            }
            Optional<ModelBreaker.Permit> granted = breaker.tryAcquire();
            if (granted.isEmpty()) {
                if (retry == 0) {
                    Duration left = breaker.remainingOpen();
                    record(Attempt.skipped(link.model(), SkipReason.CIRCUIT_OPEN, left.isZero()
                            ? "after repeated failures; a trial request is under way"
                            : "after repeated failures; tried again in " + Durations.human(left), clock.instant()));
                    throw new ModelSkipped();
                }
                throw lastFailureOf(link);
            }
            ModelBreaker.Permit permit = granted.get();
            stream.beforeAttempt(link.model());
            listener.attemptStarted(link.model(), retry);
            Instant start = clock.instant();
            long startNanos = System.nanoTime();
            Instant ownLimit = start.plus(config.attemptTimeout());
            boolean callersDeadline = deadline.isPresent() && deadline.get().isBefore(ownLimit);
            CallContext attemptContext = new CallContext(stream, AttemptListener.NONE,
                    Optional.of(callersDeadline ? deadline.get() : ownLimit));
            ChatResponse answer;
            try {
                answer = link.port().chat(request, attemptContext);
            } catch (ModelCallException failure) {
                spent = spent.plus(failure.usage());
                stream.failed(link.model());
                Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
                if (Thread.currentThread().isInterrupted()) {
                    permit.released();
                    record(Attempt.cancelled(link.model(), retry, start, took));
                    CancellationException cancelled = new CancellationException("interrupted while calling " + link.model());
                    cancelled.initCause(failure);
                    throw cancelled;
                }
                if (callersDeadline && failure.kind() == ErrorKind.TIMEOUT) {
                    permit.released();
                    record(Attempt.failed(failure, retry, start, took));
                    throw new DeadlineReached(failure);
                }
                if (PROVIDER_FAILURES.contains(failure.kind())) {
                    permit.failed();
                } else {
                    permit.succeeded();
                }
                record(Attempt.failed(failure, retry, start, took));
                tries.failed(failure, Deadlines.left(deadline, clock));
                pauseIfTheWaitIsLonger(link, index, tries);
                if (tries.planned != null && tries.next <= config.maxRetries()) {
                    throw new RetryPlanned(tries.wait,
                            () -> listener.retryScheduled(link.model(), tries.next, tries.wait));
                }
                throw failure;
            } catch (CancellationException cancelled) {
                permit.released();
                record(Attempt.cancelled(link.model(), retry, start, Duration.ofNanos(System.nanoTime() - startNanos)));
                throw cancelled;
            } catch (RuntimeException unexpected) {
                permit.failed();
                ModelCallException failure = ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, link.model())
                        .shouldRetry(false)
                        .detail("the adapter failed unexpectedly (" + unexpected + "); this is a Detour bug, please report it")
                        .cause(unexpected)
                        .build();
                record(Attempt.failed(failure, retry, start, Duration.ofNanos(System.nanoTime() - startNanos)));
                stream.failed(link.model());
                throw failure;
            }
            permit.succeeded();
            record(Attempt.succeeded(link.model(), answer.inferenceProvider().orElse(null), retry, start,
                    Duration.ofNanos(System.nanoTime() - startNanos)).withUsage(answer.usage()));
            return answer;
        }

        /** Why the cost budget forbids another attempt of {@code model}, if it does. */
        private Optional<String> unaffordable(ModelRef model) {
            if (costLeft.isEmpty()) {
                return Optional.empty();
            }
            Optional<Price> price = pricing.price(model);
            if (price.isEmpty()) {
                return Optional.of("it has no price, so its cost cannot be held to the cost budget");
            }
            BigDecimal left = costLeft.get().subtract(pricing.costOf(attempts).known());
            BigDecimal worstCase = price.get().costOf(WorstCase.promptTokens(request),
                    request.options().maxOutputTokens().orElse(0));
            return worstCase.compareTo(left) > 0
                    ? Optional.of("its worst case, $" + worstCase.toPlainString() + ", exceeds the $"
                            + left.max(BigDecimal.ZERO).toPlainString() + " left of the cost budget")
                    : Optional.empty();
        }

        /** Ends the call for its caller to wait when the planned retry is further off than it lets the chain sleep. */
        private void pauseIfTheWaitIsLonger(ChainLink link, int index, ModelTries tries) {
            if (tries.planned != null && tries.next <= config.maxRetries()
                    && longestWait.filter(longest -> tries.wait.compareTo(longest) > 0).isPresent()) {
                throw new CallPausedException(tries.wait,
                        new ChainPosition(link.model(), index, tries.next, tries.malformed, attempts, spent, deadline));
            }
        }

        private ModelCallException lastFailureOf(ChainLink link) {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                Attempt attempt = attempts.get(i);
                if (attempt.model().equals(link.model()) && attempt.outcome() == Attempt.Outcome.FAILED) {
                    return ModelCallException.builder(attempt.kind().orElse(ErrorKind.PROVIDER_UNAVAILABLE), link.model())
                            .inferenceProvider(attempt.inferenceProvider().orElse(null))
                            .httpStatus(attempt.httpStatus().isPresent() ? attempt.httpStatus().getAsInt() : null)
                            .shouldRetry(false)
                            .detail(attempt.message() + "; its circuit breaker opened, so it is not retried")
                            .build();
                }
            }
            throw new ModelSkipped();
        }

        private void skipRemaining(int from) {
            for (int index = from; index < links.size(); index++) {
                record(Attempt.skipped(links.get(index).model(), SkipReason.DEADLINE_REACHED,
                        "the call deadline passed before this model's turn", clock.instant()));
            }
        }

        private void record(Attempt attempt) {
            attempts.add(attempt);
            listener.attemptFinished(attempt);
        }
    }

    /** The tries of one model in one call, and the retry the rule planned after the last failure. */
    private final class ModelTries {

        private int next;
        private int malformed;
        private ModelCallException planned;
        private Duration wait = Duration.ZERO;

        void failed(ModelCallException failure, Optional<Duration> timeLeft) {
            if (failure.kind().retry() == ErrorKind.Retry.ONCE) {
                malformed++;
            }
            Optional<Duration> decided = retryRule.waitBefore(next, failure, malformed, timeLeft);
            planned = decided.isPresent() ? failure : null;
            wait = decided.orElse(Duration.ZERO);
        }

    }

    /** A model the chain did not try; its skip is already recorded. */
    private static final class ModelSkipped extends RuntimeException {
        ModelSkipped() {
            super(null, null, false, false);
        }
    }

    /** The call's deadline passed between attempts, or cut the attempt that {@code failure} ended. */
    private static final class DeadlineReached extends RuntimeException {

        private final transient ModelCallException failure;

        DeadlineReached(ModelCallException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** Passes streamed text on, and announces a reset before the next attempt when an attempt failed mid-stream. */
    private static final class ResettableStream implements StreamListener {

        private final StreamListener delegate;
        private boolean textSinceReset;
        private ModelRef failedModel;

        ResettableStream(StreamListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onText(String delta) {
            textSinceReset = true;
            delegate.onText(delta);
        }

        void failed(ModelRef model) {
            failedModel = model;
        }

        void beforeAttempt(ModelRef next) {
            if (textSinceReset && failedModel != null) {
                delegate.onReset(failedModel, next);
            }
            textSinceReset = false;
            failedModel = null;
        }
    }
}
