package dev.detour.engine.temporal;

import dev.detour.core.internal.Require;
import dev.detour.core.evidence.SearchOutcome;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.ChainPosition;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelFailure;
import dev.detour.core.model.StreamListener;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.workflow.BudgetExhaustedException;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.BudgetStatus;
import dev.detour.core.workflow.StepContext;
import dev.detour.core.workflow.StepEvents;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;

/**
 * The context of one step inside a Temporal workflow: each model call is an activity, metered in workflow
 * state, and what the chain announced on the worker becomes the step's attempts and events, in order.
 */
final class TemporalStepContext implements StepContext {

    private final RunLedger run;
    private final String path;
    private final StepEvents events;
    private final ModelCalls calls;
    private final SourceSearches searches;
    private final List<SourceRef> sources;
    private final List<Attempt> attempts = new ArrayList<>();
    private TokenUsage tokens = TokenUsage.NONE;
    private boolean refusedByBudget;

    TemporalStepContext(RunLedger run, String path, ModelCalls calls, SourceSearches searches, List<SourceRef> sources) {
        this.run = run;
        this.path = path;
        this.events = new StepEvents(run.runId(), path);
        this.calls = calls;
        this.searches = searches;
        this.sources = sources;
    }

    @Override
    public List<SourceRef> sources() {
        return sources;
    }

    @Override
    public List<SearchOutcome> search(List<SourceSearch> asked, int parallelism) {
        List<SourceSearch> all = List.copyOf(Require.nonNull(asked, "searches"));
        Require.positive(parallelism, "parallelism");
        for (SourceSearch search : all) {
            Require.nonNull(search, "searches[" + all.indexOf(search) + "]");
            if (!sources.contains(search.source())) {
                throw new IllegalArgumentException("step " + path + " asks to search " + search.source()
                        + ", which is not one of the run's sources " + sources);
            }
        }
        throwIfCancelled();
        SearchOutcome[] outcomes = new SearchOutcome[all.size()];
        int[] next = {0};
        List<Promise<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.min(parallelism, all.size()); lane++) {
            lanes.add(Async.procedure(() -> {
                for (int index = next[0]++; index < all.size(); index = next[0]++) {
                    outcomes[index] = searchOne(all.get(index));
                }
            }));
        }
        Promise.allOf(lanes).get();
        throwIfCancelled();
        return List.of(outcomes);
    }

    /** One search as an activity: its tries kept for the record and announced as search events. */
    private SearchOutcome searchOne(SourceSearch search) {
        throwIfCancelled();
        String runId = run.runId();
        String query = search.query().text();
        if (run.meter().timeRanOut().isPresent()) {
            refusedByBudget = true;
            run.exhaustion();
            Attempt skipped = Attempt.skipped(search.source(), SkipReason.DEADLINE_REACHED,
                    "the run's time limit passed before this search", RunLedger.now());
            attempts.add(skipped);
            run.publish(events.searchNotAnswered(query, skipped));
            return SearchOutcome.failed(search, skipped);
        }
        SearchResult result;
        try {
            result = searches.search(new SearchCall(runId, path, search, run.meter().timeLeft()));
        } catch (CanceledFailure cancelled) {
            throw cancellation(cancelled);
        } catch (ActivityFailure failure) {
            throw cancellation(failure);
        }
        Attempt success = null;
        int tried = 0;
        for (SearchResult.Try heard : result.tries()) {
            if (heard.started().isPresent()) {
                int retry = heard.started().get();
                run.publish(events.searchStarted(search.source(), query, retry));
                continue;
            }
            Attempt attempt = heard.finished().orElseThrow();
            attempts.add(attempt);
            tried += attempt.outcome() == Attempt.Outcome.SKIPPED ? 0 : 1;
            if (attempt.outcome() == Attempt.Outcome.SUCCEEDED) {
                success = attempt;
            } else {
                run.publish(events.searchNotAnswered(query, attempt));
            }
        }
        if (result.failure().isPresent()) {
            return SearchOutcome.failed(search, result.failure().get());
        }
        if (success == null) {
            if (result.tries().isEmpty()) {
                run.publish(events.searchStarted(search.source(), query, 0));
            }
            success = Attempt.succeeded(search.source(), tried, result.start(), result.duration());
            attempts.add(success);
        }
        Attempt answered = success;
        int hits = result.records().size();
        run.publish(events.searchSucceeded(query, hits, answered));
        return SearchOutcome.found(search, result.records());
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
        ChatResponse response = callModels(request.withStream(true), listener);
        listener.onText(response.text());
        return response;
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

    TokenUsage tokens() {
        return tokens;
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    boolean refusedByBudget() {
        return refusedByBudget;
    }

    private ChatResponse callModels(ChatRequest request, StreamListener streamListener) {
        throwIfCancelled();
        Optional<BudgetExhaustion> exhausted = run.meter().tryStartCall();
        if (exhausted.isPresent()) {
            refusedByBudget = true;
            run.reportExhaustion(exhausted.get());
            throw new BudgetExhaustedException(exhausted.get());
        }
        ChatRequest capped = withinTokensLeft(request);
        Optional<ChainPosition> resumeFrom = Optional.empty();
        while (true) {
            CallOutcome outcome = callOnce(new ModelCall(run.runId(), path, capped, run.meter().timeLeft(), resumeFrom,
                    run.chain(), run.meter().costLeft(), run.traceContextOf(path), run.prices()), streamListener);
            if (outcome.pause().isEmpty()) {
                return answered(outcome, streamListener);
            }
            try {
                Workflow.sleep(outcome.pause().get().waitFor());
            } catch (CanceledFailure cancelled) {
                throw cancellation(cancelled);
            }
            resumeFrom = Optional.of(outcome.pause().get().position());
        }
    }

    /** One activity: what the chain announced, and its answer or pause; a failure thrown as the step sees it. */
    private CallOutcome callOnce(ModelCall call, StreamListener streamListener) {
        CallOutcome outcome;
        try {
            outcome = calls.call(call);
        } catch (CanceledFailure cancelled) {
            throw cancellation(cancelled);
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof CanceledFailure || run.isCancelled()) {
                throw cancellation(failure);
            }
            if (failure.getCause() instanceof ApplicationFailure application && application.getDetails().getSize() > 0) {
                CallFailure details = application.getDetails().get(CallFailure.class);
                announce(details.notices(), streamListener);
                if (details.failure().kind() == FailureFacts.Kind.CANCELLED) {
                    run.noteCancelled();
                }
                RuntimeException thrown = details.failure().exception();
                if (thrown instanceof ModelFailure modelFailure) {
                    charge(modelFailure.usage());
                }
                run.meter().charge(details.cost());
                throw outOfTimeOr(outOfMoneyOr(thrown));
            }
            throw new IllegalStateException("the model call of step " + path + " failed on Temporal: " + failure.getMessage(),
                    failure);
        }
        if (outcome.pause().isPresent()) {
            announce(outcome.notices(), streamListener);
        }
        return outcome;
    }

    private ChatResponse answered(CallOutcome outcome, StreamListener streamListener) {
        ChatResponse response = outcome.response().orElseThrow();
        if (outcome.notices().isEmpty()) {
            announce(silentPortNotices(response), streamListener);
        } else {
            announce(outcome.notices(), streamListener);
        }
        charge(response.usage());
        run.meter().charge(outcome.cost());
        run.exhaustion();
        return response;
    }

    /** {@code request} with its output capped at the tokens left in the budget, as on the embedded engine. */
    private ChatRequest withinTokensLeft(ChatRequest request) {
        OptionalLong left = run.meter().tokensLeft();
        if (left.isEmpty()) {
            return request;
        }
        return request.withOutputAtMost(left.getAsLong());
    }

    private void charge(TokenUsage usage) {
        tokens = tokens.plus(usage);
        run.meter().charge(usage);
    }

    /**
     * The cost budget, as an exhausted budget, when the chain started no model of the call because each one's
     * worst case exceeded what was left of it, as on the embedded engine.
     */
    private RuntimeException outOfMoneyOr(RuntimeException failure) {
        Optional<BudgetExhaustion> refused = BudgetExhaustion.ofCostRefusal(failure, run.meter().costLeft(),
                run.meter().costSpent());
        refused.ifPresent(run::reportExhaustion);
        return refused.<RuntimeException>map(exhaustion -> new BudgetExhaustedException(exhaustion, failure)).orElse(failure);
    }

    /** The run's time limit as an exhausted budget, when it passed while the call was under way. */
    private RuntimeException outOfTimeOr(RuntimeException failure) {
        if (!(failure instanceof ModelFailure modelFailure) || modelFailure.kinds().contains(ErrorKind.INVALID_REQUEST)) {
            return failure;
        }
        Optional<BudgetExhaustion> ranOut = run.meter().timeRanOut();
        if (ranOut.isEmpty()) {
            return failure;
        }
        run.reportExhaustion(ranOut.get());
        return new BudgetExhaustedException(ranOut.get(), failure);
    }

    private CancellationException cancellation(RuntimeException cause) {
        run.noteCancelled();
        CancellationException cancelled = new CancellationException("run " + run.runId() + " was cancelled during step " + path);
        cancelled.initCause(cause);
        return cancelled;
    }

    /** For a port that announced nothing (no chain): the attempts of its answer, as the embedded engine replays them. */
    private static List<CallNotice> silentPortNotices(ChatResponse response) {
        List<Attempt> finished = response.attempts().isEmpty()
                ? List.of(Attempt.succeeded(response.model(), response.inferenceProvider().orElse(null), 0,
                        RunLedger.now(), Duration.ZERO))
                : response.attempts();
        List<CallNotice> notices = new ArrayList<>();
        for (Attempt attempt : finished) {
            if (attempt.outcome() != Attempt.Outcome.SKIPPED) {
                notices.add(CallNotice.started(attempt.start(), attempt.model(), attempt.retry()));
            }
            notices.add(CallNotice.finished(attempt.start().plus(attempt.duration()), attempt));
        }
        return notices;
    }

    private void announce(List<CallNotice> notices, StreamListener streamListener) {
        for (CallNotice notice : notices) {
            switch (notice.kind()) {
                case ATTEMPT_STARTED -> run.publish(events.attemptStarted(notice.model(), notice.retry()), notice.at());
                case ATTEMPT_FINISHED -> {
                    Attempt attempt = notice.attempt().orElseThrow();
                    attempts.add(attempt);
                    run.publish(events.attemptFinished(attempt), notice.at());
                }
                case RETRY_SCHEDULED -> run.publish(events.retryScheduled(notice.model(), notice.retry(),
                        notice.delay().orElseThrow()), notice.at());
                case FALLBACK_TAKEN -> run.publish(events.fallbackTaken(notice.model(), notice.next().orElseThrow(),
                        notice.attempt().orElseThrow()), notice.at());
                case CITATION_REJECTED -> run.publish(events.citationRejected(notice.model(), notice.evidenceGiven(),
                        notice.rejected()), notice.at());
                case STREAM_RESET -> {
                    run.publish(events.streamReset(notice.model(), notice.next().orElseThrow()), notice.at());
                    streamListener.onReset(notice.model(), notice.next().orElseThrow());
                }
            }
        }
    }
}
