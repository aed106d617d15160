package dev.detour.app.resilience;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.core.internal.Require;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.StreamListener;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ModelPort} over an ordered chain of models: per model, retries of what DESIGN §3 marks
 * retryable, after the wait the provider asked for ({@code Retry-After} and kin, on any failure) when it
 * is within {@code max-retry-wait} (a longer one falls back at once), else after exponential backoff
 * with jitter, behind a circuit breaker; across models, fallback in order, with
 * {@code InvalidRequest} failing fast and {@link AllModelsFailedError} after the last model.
 *
 * <p>Every attempt and skip is announced to the call's {@link AttemptListener} as it happens and kept in
 * the answer's {@link ChatResponse#attempts() attempts}.
 */
final class ResilientChain implements ModelPort {

    /** Failures that say something about the provider's health, and so count against its breaker. */
    private static final Set<ErrorKind> PROVIDER_FAILURES = EnumSet.of(
            ErrorKind.PROVIDER_UNAVAILABLE, ErrorKind.TIMEOUT, ErrorKind.RATE_LIMITED, ErrorKind.QUOTA_EXCEEDED,
            ErrorKind.AUTHENTICATION_FAILED, ErrorKind.MODEL_UNAVAILABLE, ErrorKind.MALFORMED_RESPONSE);

    private final List<ChainLink> links;
    private final ResilienceConfig config;
    private final CircuitBreakers breakers;
    private final Clock clock;
    private final Backoff backoff;
    private final StructuredOutputDecoder decoder = new StructuredOutputDecoder();

    ResilientChain(List<ChainLink> links, ResilienceConfig config, CircuitBreakers breakers, Clock clock) {
        this.links = List.copyOf(Require.nonNull(links, "links"));
        if (this.links.isEmpty()) {
            throw new IllegalArgumentException("links must hold at least one model, was []");
        }
        this.config = Require.nonNull(config, "config");
        this.breakers = Require.nonNull(breakers, "breakers");
        this.clock = Require.nonNull(clock, "clock");
        this.backoff = new Backoff(config.backoff(), () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Require.nonNull(request, "request");
        Require.nonNull(context, "context");
        Call call = new Call(request, context, callDeadline(context));
        return call.run();
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

    /** One call through the chain: its attempts, its stream and its deadline. */
    private final class Call {

        private final ChatRequest request;
        private final CallContext context;
        private final Optional<Instant> deadline;
        private final AttemptListener listener;
        private final ResettableStream stream;
        private final List<Attempt> attempts = new ArrayList<>();

        Call(ChatRequest request, CallContext context, Optional<Instant> deadline) {
            this.request = request;
            this.context = context;
            this.deadline = deadline;
            this.listener = context.attemptListener();
            this.stream = new ResettableStream(context.streamListener());
        }

        ChatResponse run() {
            ModelCallException lastFailure = null;
            for (int index = 0; index < links.size(); index++) {
                ChainLink link = links.get(index);
                if (deadlinePassed()) {
                    skipRemaining(index, SkipReason.DEADLINE_REACHED, "the call deadline passed before this model's turn");
                    break;
                }
                try {
                    ChatResponse response = tryModel(link);
                    return response.withAttempts(attempts);
                } catch (ModelSkipped skipped) {
                    // Recorded where it was decided; go on to the next model.
                } catch (DeadlineReached reached) {
                    boolean tried = attempts.stream().anyMatch(attempt -> attempt.model().equals(link.model()));
                    skipRemaining(tried ? index + 1 : index, SkipReason.DEADLINE_REACHED,
                            "the call deadline passed before this model's turn");
                    break;
                } catch (ModelCallException failure) {
                    if (!failure.fallBackAllowed()) {
                        throw failure;
                    }
                    lastFailure = failure;
                }
                if (index + 1 < links.size()) {
                    listener.fallbackTaken(link.model(), links.get(index + 1).model(), attempts.get(attempts.size() - 1));
                }
            }
            throw new AllModelsFailedError(attempts, lastFailure);
        }

        private ChatResponse tryModel(ChainLink link) {
            CircuitBreaker<Object> breaker = breakers.of(link.model());
            AtomicInteger tries = new AtomicInteger();
            AtomicInteger malformed = new AtomicInteger();
            RetryPolicy<ChatResponse> retries = RetryPolicy.<ChatResponse>builder()
                    .handleIf((result, failure) -> failure instanceof ModelCallException modelFailure
                            && modelFailure.retryable()
                            && (modelFailure.kind().retry() != ErrorKind.Retry.ONCE || malformed.incrementAndGet() <= 1))
                    .abortIf((result, failure) -> failure instanceof ModelCallException modelFailure
                            && modelFailure.retryAfter().filter(wait -> wait.compareTo(config.maxRetryWait()) > 0).isPresent())
                    .withMaxRetries(config.maxRetries())
                    .withDelayFn(execution -> delayBefore(execution.getLastException(), execution.getAttemptCount()))
                    .build();
            try {
                return Failsafe.with(retries).get(execution -> attempt(link, breaker, tries.getAndIncrement()));
            } catch (FailsafeException e) {
                if (e.getCause() instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting to retry " + link.model());
                }
                throw e;
            }
        }

        private ChatResponse attempt(ChainLink link, CircuitBreaker<Object> breaker, int retry) {
            if (deadlinePassed()) {
                throw new DeadlineReached();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted before calling " + link.model());
            }
            if (!breaker.tryAcquirePermit()) {
                if (retry == 0) {
                    record(Attempt.skipped(link.model(), SkipReason.CIRCUIT_OPEN,
                            "after repeated failures; tried again in "
                                    + dev.detour.core.internal.Durations.human(breaker.getRemainingDelay()),
                            clock.instant()));
                    throw new ModelSkipped();
                }
                throw lastFailureOf(link);
            }
            stream.beforeAttempt(link.model());
            listener.attemptStarted(link.model(), retry);
            Instant start = clock.instant();
            long startNanos = System.nanoTime();
            try {
                ChatResponse response = decoder.decode(request, link.port().chat(request, attemptContext()));
                breaker.recordSuccess();
                record(Attempt.succeeded(link.model(), response.inferenceProvider().orElse(null), retry, start,
                        Duration.ofNanos(System.nanoTime() - startNanos)));
                return response;
            } catch (ModelCallException failure) {
                if (PROVIDER_FAILURES.contains(failure.kind())) {
                    breaker.recordFailure();
                } else {
                    breaker.recordSuccess();
                }
                record(Attempt.failed(failure, retry, start, Duration.ofNanos(System.nanoTime() - startNanos)));
                stream.failed(link.model());
                throw failure;
            } catch (CancellationException cancelled) {
                if (breaker.isHalfOpen()) {
                    breaker.recordFailure();
                }
                record(Attempt.cancelled(link.model(), retry, start, Duration.ofNanos(System.nanoTime() - startNanos)));
                throw cancelled;
            } catch (RuntimeException unexpected) {
                breaker.recordFailure();
                ModelCallException failure = ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, link.model())
                        .shouldRetry(false)
                        .detail("the adapter failed unexpectedly (" + unexpected + "); this is a Detour bug, please report it")
                        .cause(unexpected)
                        .build();
                record(Attempt.failed(failure, retry, start, Duration.ofNanos(System.nanoTime() - startNanos)));
                stream.failed(link.model());
                throw failure;
            }
        }

        private CallContext attemptContext() {
            Instant attemptDeadline = clock.instant().plus(config.attemptTimeout());
            if (deadline.isPresent() && deadline.get().isBefore(attemptDeadline)) {
                attemptDeadline = deadline.get();
            }
            return new CallContext(stream, AttemptListener.NONE, Optional.of(attemptDeadline));
        }

        private Duration delayBefore(Throwable lastFailure, int attemptsSoFar) {
            Duration delay = lastFailure instanceof ModelCallException modelFailure && modelFailure.retryAfter().isPresent()
                    ? modelFailure.retryAfter().get()
                    : backoff.before(attemptsSoFar);
            if (deadline.isPresent()) {
                Duration left = Duration.between(clock.instant(), deadline.get());
                if (left.compareTo(delay) < 0) {
                    return left.isNegative() ? Duration.ZERO : left;
                }
            }
            return delay;
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

        private void skipRemaining(int from, SkipReason reason, String message) {
            for (int index = from; index < links.size(); index++) {
                record(Attempt.skipped(links.get(index).model(), reason, message, clock.instant()));
            }
        }

        private void record(Attempt attempt) {
            attempts.add(attempt);
            listener.attemptFinished(attempt);
        }

        private boolean deadlinePassed() {
            return deadline.isPresent() && !clock.instant().isBefore(deadline.get());
        }
    }

    /** A model the chain did not try; its skip is already recorded. */
    private static final class ModelSkipped extends RuntimeException {
        ModelSkipped() {
            super(null, null, false, false);
        }
    }

    /** The call's deadline passed between attempts. */
    private static final class DeadlineReached extends RuntimeException {
        DeadlineReached() {
            super(null, null, false, false);
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
