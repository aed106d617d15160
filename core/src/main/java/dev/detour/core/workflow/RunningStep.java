package dev.detour.core.workflow;

import dev.detour.core.evidence.SearchOutcome;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.internal.Require;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.AnswerRule;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.CitationRule;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelFailure;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.StreamListener;
import dev.detour.core.model.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;

/** The context of one executing step: meters, records and announces its model calls and searches. */
final class RunningStep implements StepContext {

    private final RunState run;
    private final String path;
    private final StepEvents events;
    private final List<Attempt> attempts = new ArrayList<>();
    private TokenUsage tokens = TokenUsage.NONE;
    private volatile boolean cutShortByBudget;

    RunningStep(RunState run, String path) {
        this.run = run;
        this.path = path;
        this.events = new StepEvents(run.runId(), path);
    }

    @Override
    public String runId() {
        return run.runId();
    }

    @Override
    public String stepPath() {
        return path;
    }

    @Override
    public ChatResponse call(ChatRequest request) {
        return callModels(Require.nonNull(request, "request"), StreamListener.NONE);
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        Require.nonNull(request, "request");
        Require.nonNull(listener, "listener");
        return callModels(request.withStream(true), listener);
    }

    @Override
    public List<SourceRef> sources() {
        return run.evidence().sources();
    }

    @Override
    public List<SearchOutcome> search(List<SourceSearch> searches, int parallelism) {
        return new StepSearches(run, path, this::keep, () -> cutShortByBudget = true).searchAll(searches, parallelism);
    }

    @Override
    public BudgetStatus budget() {
        return run.meter().status();
    }

    @Override
    public boolean isCancelled() {
        return run.isCancelled();
    }

    @Override
    public void throwIfCancelled() {
        if (run.isCancelled()) {
            throw new CancellationException("run " + run.runId() + " was cancelled during step " + path);
        }
    }

    synchronized TokenUsage tokens() {
        return tokens;
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * Whether the budget refused one of this step's model calls or searches, ended one when time ran out, or cut an
     * answer at the tokens that were left: what the step returned may be short of what it would be.
     */
    boolean cutShortByBudget() {
        return cutShortByBudget;
    }

    private ChatResponse callModels(ChatRequest request, StreamListener streamListener) {
        throwIfCancelled();
        Optional<BudgetExhaustion> exhausted = run.meter().tryStartCall();
        if (exhausted.isPresent()) {
            cutShortByBudget = true;
            run.reportExhaustion(exhausted.get());
            throw new BudgetExhaustedException(exhausted.get());
        }
        ChatRequest capped = withinTokensLeft(request);
        Announcer announcer = new Announcer();
        CallContext context = new CallContext(new ResettingListener(streamListener), announcer, run.meter().deadline(),
                run.meter().costLeft());
        Instant start = run.now();
        long startNanos = System.nanoTime();
        ChatResponse response;
        try {
            response = run.models().chat(announcingRejectedCitations(capped), context);
            if (response == null) {
                throw new IllegalStateException("the ModelPort " + run.models().getClass().getName() + " returned null");
            }
        } catch (AllModelsFailedError failure) {
            announcer.replayIfSilent(failure.attempts());
            charge(failure.usage(), failure.attempts());
            throw outOfTimeOr(outOfMoneyOr(cancellationIfCancelled(failure)));
        } catch (ModelCallException failure) {
            Attempt failed = Attempt.failed(failure, 0, start, Duration.ofNanos(System.nanoTime() - startNanos));
            announcer.replayIfSilent(List.of(failed));
            charge(failure.usage(), List.of(failed));
            throw outOfTimeOr(cancellationIfCancelled(failure));
        } catch (RuntimeException failure) {
            throw cancellationIfCancelled(failure);
        }
        List<Attempt> made = response.attempts().isEmpty()
                ? List.of(Attempt.succeeded(response.model(), response.inferenceProvider().orElse(null), 0, start,
                        Duration.ofNanos(System.nanoTime() - startNanos)).withUsage(response.usage()))
                : response.attempts();
        announcer.replayIfSilent(made);
        charge(response.usage(), made);
        if (capped != request && response.finishReason().kind() == FinishReason.Kind.LENGTH) {
            cutShortByBudget = true;
        }
        run.exhaustion();
        return response;
    }

    /**
     * {@code request} with its output capped at the tokens left in the budget, so that a call started just
     * before the budget runs out cannot overshoot it by more than its prompt (see {@link Budget#maxTokens()}).
     */
    private ChatRequest withinTokensLeft(ChatRequest request) {
        OptionalLong left = run.meter().tokensLeft();
        if (left.isEmpty()) {
            return request;
        }
        return request.withOutputAtMost(left.getAsLong());
    }

    private void charge(TokenUsage usage, List<Attempt> made) {
        synchronized (this) {
            tokens = tokens.plus(usage);
        }
        run.meter().charge(usage);
        run.meter().charge(run.pricing().costOf(made));
    }

    /**
     * The cost budget, as an exhausted budget, when the chain started no model of the call because each one's
     * worst case exceeded what was left of it: the run ran out of money, its models did not fail.
     */
    private RuntimeException outOfMoneyOr(RuntimeException failure) {
        Optional<BudgetExhaustion> refused = BudgetExhaustion.ofCostRefusal(failure, run.meter().costLeft(),
                run.meter().costSpent());
        refused.ifPresent(run::reportExhaustion);
        return refused.<RuntimeException>map(exhaustion -> new BudgetExhaustedException(exhaustion, failure)).orElse(failure);
    }

    /**
     * The run's time limit, as an exhausted budget, when it passed while the call was under way: what ended the
     * call then is the run running out of time, not its models (a request every model would refuse stays itself).
     */
    private RuntimeException outOfTimeOr(RuntimeException failure) {
        if (!(failure instanceof ModelFailure modelFailure) || modelFailure.kinds().contains(ErrorKind.INVALID_REQUEST)) {
            return failure;
        }
        Optional<BudgetExhaustion> ranOut = run.meter().timeRanOut();
        if (ranOut.isEmpty()) {
            return failure;
        }
        cutShortByBudget = true;
        run.reportExhaustion(ranOut.get());
        return new BudgetExhaustedException(ranOut.get(), failure);
    }

    /** {@code request} with each citation rule publishing {@code CitationRejected} when it refuses an answer. */
    private ChatRequest announcingRejectedCitations(ChatRequest request) {
        if (!holdsCitationRule(request.rules())) {
            return request;
        }
        List<AnswerRule> rules = request.rules().stream().map(rule -> rule instanceof CitationRule citations
                ? (AnswerRule) answer -> {
                    List<Integer> rejected = citations.rejected(answer.text());
                    if (!rejected.isEmpty()) {
                        run.publish(events.citationRejected(answer.model(), citations.evidenceCount(), rejected));
                    }
                    return citations.violation(answer);
                }
                : rule).toList();
        return request.withRules(rules);
    }

    private static boolean holdsCitationRule(List<AnswerRule> rules) {
        for (AnswerRule rule : rules) {
            if (rule instanceof CitationRule) {
                return true;
            }
        }
        return false;
    }

    private RuntimeException cancellationIfCancelled(RuntimeException failure) {
        if (!run.isCancelled() || failure instanceof CancellationException) {
            return failure;
        }
        CancellationException cancelled =
                new CancellationException("run " + run.runId() + " was cancelled during step " + path);
        cancelled.initCause(failure);
        return cancelled;
    }

    private synchronized void keep(Attempt attempt) {
        attempts.add(attempt);
    }

    /** Turns a chain's attempt notices into events and keeps the attempts for the step's record. */
    private final class Announcer implements AttemptListener {

        private volatile boolean heardAnything;

        @Override
        public void attemptStarted(ModelRef model, int retry) {
            heardAnything = true;
            run.publish(events.attemptStarted(model, retry));
        }

        @Override
        public void attemptFinished(Attempt attempt) {
            heardAnything = true;
            keep(attempt);
            run.publish(events.attemptFinished(attempt));
        }

        @Override
        public void retryScheduled(ModelRef model, int retry, Duration wait) {
            heardAnything = true;
            run.publish(events.retryScheduled(model, retry, wait));
        }

        @Override
        public void fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {
            heardAnything = true;
            run.publish(events.fallbackTaken(from, to, lastAttemptOfFrom));
        }

        /** For a port that reports no attempts as they happen: announces them after the fact. */
        void replayIfSilent(List<Attempt> finished) {
            if (heardAnything) {
                return;
            }
            for (Attempt attempt : finished) {
                if (attempt.outcome() != Attempt.Outcome.SKIPPED) {
                    attemptStarted(attempt.model(), attempt.retry());
                }
                attemptFinished(attempt);
            }
        }
    }

    /** Passes text through and announces a reset before passing it on. */
    private final class ResettingListener implements StreamListener {

        private final StreamListener delegate;

        ResettingListener(StreamListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onText(String delta) {
            delegate.onText(delta);
        }

        @Override
        public void onReset(ModelRef failedModel, ModelRef nextModel) {
            run.publish(events.streamReset(failedModel, nextModel));
            delegate.onReset(failedModel, nextModel);
        }
    }
}
