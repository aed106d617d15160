package dev.detour.core.workflow;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.evidence.SearchOutcome;
import dev.detour.core.evidence.SourceFailedError;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.StreamListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The searches of one step: each runs on a thread of the run (so cancelling the run interrupts it), has
 * its tries announced as search events and kept for the step's record, and ends as an outcome whether the
 * source answered or not.
 */
final class StepSearches {

    private final RunState run;
    private final String path;
    private final StepEvents events;
    private final Consumer<Attempt> keep;
    private final Runnable refusedByBudget;

    StepSearches(RunState run, String path, Consumer<Attempt> keep, Runnable refusedByBudget) {
        this.run = run;
        this.path = path;
        this.events = new StepEvents(run.runId(), path);
        this.keep = keep;
        this.refusedByBudget = refusedByBudget;
    }

    List<SearchOutcome> searchAll(List<SourceSearch> searches, int parallelism) {
        List<SourceSearch> all = List.copyOf(Require.nonNull(searches, "searches"));
        Require.positive(parallelism, "parallelism");
        List<SourceRef> known = run.evidence().sources();
        for (SourceSearch search : all) {
            Require.nonNull(search, "searches[" + all.indexOf(search) + "]");
            if (!known.contains(search.source())) {
                throw new IllegalArgumentException("step " + path + " asks to search " + search.source()
                        + ", which is not one of the run's sources " + known);
            }
        }
        throwIfCancelled();
        if (all.size() == 1) {
            return List.of(searchOne(all.get(0)));
        }
        SearchOutcome[] outcomes = new SearchOutcome[all.size()];
        Optional<Throwable> failure = RunWorkers.runAll(run, path + "/search", all.size(), parallelism,
                index -> outcomes[index] = searchOne(all.get(index)));
        throwIfCancelled();
        if (failure.isPresent()) {
            throw failure.get() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure.get());
        }
        return Arrays.stream(outcomes).map(Objects::requireNonNull).toList();
    }

    private SearchOutcome searchOne(SourceSearch search) {
        throwIfCancelled();
        Announcer announcer = new Announcer(search);
        Optional<Instant> deadline = run.meter().deadline();
        if (deadline.isPresent() && !run.now().isBefore(deadline.get())) {
            refusedByBudget.run();
            run.exhaustion();
            Attempt skipped = Attempt.skipped(search.source(), SkipReason.DEADLINE_REACHED,
                    "the run's time limit passed before this search", run.now());
            announcer.attemptFinished(skipped);
            return SearchOutcome.failed(search, skipped);
        }
        CallContext context = new CallContext(StreamListener.NONE, announcer, deadline);
        Instant start = run.now();
        long startNanos = System.nanoTime();
        try {
            List<EvidenceRecord> records = run.evidence().search(search.source(), search.query(), context);
            if (records == null || records.stream().anyMatch(Objects::isNull)) {
                throw new IllegalStateException("the evidence sources " + run.evidence().getClass().getName()
                        + " returned " + (records == null ? "null" : "a null record") + " for " + search.source());
            }
            List<EvidenceRecord> kept = records.stream().limit(search.query().limit()).toList();
            announcer.succeeded(kept.size(), start, elapsedSince(startNanos));
            return SearchOutcome.found(search, kept);
        } catch (SourceFailedError failed) {
            announcer.replayIfSilent(failed.attempts());
            return SearchOutcome.failed(search, failed.lastAttempt());
        } catch (SearchFailedException failed) {
            Attempt attempt = failed.attempt(0, start, elapsedSince(startNanos));
            announcer.replayIfSilent(List.of(attempt));
            return SearchOutcome.failed(search, announcer.lastFailure().orElse(attempt));
        } catch (RuntimeException unexpected) {
            if (run.isCancelled()) {
                throw cancelled(unexpected);
            }
            Attempt attempt = unexpected instanceof CancellationException
                    ? Attempt.cancelled(search.source(), 0, start, elapsedSince(startNanos))
                    : Attempt.failedUnexpectedly(search.source(), unexpected, 0, start, elapsedSince(startNanos));
            announcer.replayIfSilent(List.of(attempt));
            return SearchOutcome.failed(search, announcer.lastFailure().orElse(attempt));
        }
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void throwIfCancelled() {
        if (run.isCancelled()) {
            throw new CancellationException("run " + run.runId() + " was cancelled during step " + path);
        }
    }

    private CancellationException cancelled(Throwable cause) {
        CancellationException cancelled = new CancellationException("run " + run.runId() + " was cancelled during step " + path);
        cancelled.initCause(cause);
        return cancelled;
    }

    /** Turns one search's try notices into events, keeps its attempts, and announces the success with its hits. */
    private final class Announcer implements AttemptListener {

        private final SourceSearch search;
        private final List<Attempt> mine = new ArrayList<>();
        private Attempt success;
        private boolean heardAnything;

        Announcer(SourceSearch search) {
            this.search = search;
        }

        @Override
        public void searchStarted(SourceRef source, int retry) {
            heardAnything = true;
            run.publish(events.searchStarted(search.source(), search.query().text(), retry));
        }

        @Override
        public void attemptFinished(Attempt attempt) {
            if (!attempt.target().equals(search.source())) {
                return;
            }
            heardAnything = true;
            mine.add(attempt);
            keep.accept(attempt);
            if (attempt.outcome() == Attempt.Outcome.SUCCEEDED) {
                success = attempt;
            } else {
                run.publish(events.searchNotAnswered(search.query().text(), attempt));
            }
        }

        /** For sources that report no tries as they happen: announces them after the fact. */
        void replayIfSilent(List<Attempt> finished) {
            if (heardAnything) {
                return;
            }
            for (Attempt attempt : finished) {
                if (attempt.outcome() != Attempt.Outcome.SKIPPED) {
                    searchStarted(search.source(), attempt.retry());
                }
                attemptFinished(attempt);
            }
        }

        void succeeded(int hits, Instant start, Duration duration) {
            if (success == null) {
                int retry = (int) mine.stream().filter(attempt -> attempt.outcome() != Attempt.Outcome.SKIPPED).count();
                Attempt answered = Attempt.succeeded(search.source(), retry, start, duration);
                if (heardAnything) {
                    attemptFinished(answered);
                } else {
                    replayIfSilent(List.of(answered));
                }
            }
            Attempt answered = success;
            run.publish(events.searchSucceeded(search.query().text(), hits, answered));
        }

        /** The last try heard, if it failed or was skipped. */
        Optional<Attempt> lastFailure() {
            return mine.isEmpty() ? Optional.empty()
                    : Optional.of(mine.get(mine.size() - 1)).filter(attempt -> attempt.outcome() != Attempt.Outcome.SUCCEEDED);
        }
    }
}
