package dev.detour.engine.temporal;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.evidence.SourceFailedError;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.StreamListener;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Makes one search through the worker's {@link EvidenceSources} (their retries, rate limits and breakers),
 * keeping every try the sources announce. A source that failed is a result; only a worker that stopped
 * during the search hands it back to Temporal.
 */
final class SearchActivity implements SourceSearches {

    private final EvidenceSources evidence;
    private final Clock clock;

    SearchActivity(EvidenceSources evidence, Clock clock) {
        this.evidence = Require.nonNull(evidence, "evidence");
        this.clock = Require.nonNull(clock, "clock");
    }

    @Override
    public SearchResult search(SearchCall call) {
        SourceSearch search = call.search();
        Tries tries = new Tries(search.source());
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        CallContext context = new CallContext(StreamListener.NONE, tries, call.timeLeft().map(start::plus));
        try {
            List<EvidenceRecord> records = evidence.search(search.source(), search.query(), context);
            return new SearchResult(records.stream().limit(search.query().limit()).toList(), Optional.empty(), tries.list(),
                    start, since(startNanos));
        } catch (SourceFailedError failed) {
            return failed(failed.attempts(), failed.lastAttempt(), tries, start, startNanos);
        } catch (SearchFailedException failed) {
            return failed(List.of(), failed.attempt(0, start, since(startNanos)), tries, start, startNanos);
        } catch (CancellationException interrupted) {
            throw ApplicationFailure.newFailure("the worker stopped during a search of step " + call.step()
                    + "; Temporal gives it to another worker", "WorkerStopped");
        } catch (RuntimeException unexpected) {
            return failed(List.of(), Attempt.failedUnexpectedly(search.source(), unexpected, 0, start, since(startNanos)),
                    tries, start, startNanos);
        }
    }

    private static SearchResult failed(List<Attempt> attempts, Attempt last, Tries tries, Instant start, long startNanos) {
        List<SearchResult.Try> heard = tries.list();
        if (heard.isEmpty()) {
            List<SearchResult.Try> replayed = new ArrayList<>();
            for (Attempt attempt : attempts.isEmpty() ? List.of(last) : attempts) {
                if (attempt.outcome() != Attempt.Outcome.SKIPPED) {
                    replayed.add(new SearchResult.Try(Optional.of(attempt.retry()), Optional.empty()));
                }
                replayed.add(new SearchResult.Try(Optional.empty(), Optional.of(attempt)));
            }
            heard = replayed;
        }
        return new SearchResult(List.of(), Optional.of(last), heard, start, since(startNanos));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Keeps the tries the sources announce for one source, in order. */
    private static final class Tries implements AttemptListener {

        private final SourceRef source;
        private final List<SearchResult.Try> tries = new ArrayList<>();

        Tries(SourceRef source) {
            this.source = source;
        }

        @Override
        public synchronized void searchStarted(SourceRef started, int retry) {
            if (started.equals(source)) {
                tries.add(new SearchResult.Try(Optional.of(retry), Optional.empty()));
            }
        }

        @Override
        public synchronized void attemptFinished(Attempt attempt) {
            if (attempt.target().equals(source)) {
                tries.add(new SearchResult.Try(Optional.empty(), Optional.of(attempt)));
            }
        }

        synchronized List<SearchResult.Try> list() {
            return List.copyOf(tries);
        }
    }
}
