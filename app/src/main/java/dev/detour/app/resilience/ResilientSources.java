package dev.detour.app.resilience;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.resilience.PlannedRetries.RetryPlanned;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.evidence.SourceFailedError;
import dev.detour.core.internal.Durations;
import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.StreamListener;
import dev.failsafe.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The {@link EvidenceSources} research steps search, each source behind its own resilience: retries of what
 * DESIGN §3 marks retryable (see {@link SearchRetryRule}), its rate limit (waited for only while that leaves the
 * try time to run before the deadline), and a circuit breaker shared by every run of this instance; the search's
 * deadline is the caller's, capped by {@code call-deadline}. There is no fallback between sources. Every try and
 * skip is announced to the caller's {@link AttemptListener} as it happens; a source that gives up throws a
 * {@link SourceFailedError} with all of them.
 */
final class ResilientSources implements EvidenceSources {

    /**
     * One source: its adapter, its rate limiter of requests (if its type states a rate), the requests one search
     * takes from that limiter, and its breaker.
     */
    record SourceLink(SourceRef source, EvidenceSource adapter, Optional<RateLimiter<Object>> limiter,
            int requestsPerSearch, ModelBreaker breaker) {

        SourceLink {
            Require.positive(requestsPerSearch, "requestsPerSearch");
        }
    }

    private static final String CALLERS_DEADLINE = "the run's time limit";
    private static final String OWN_DEADLINE = "call-deadline";

    private final Map<SourceRef, SourceLink> links = new LinkedHashMap<>();
    private final ResilienceConfig config;
    private final Clock clock;
    private final SearchRetryRule retryRule;

    ResilientSources(List<SourceLink> links, ResilienceConfig config, Clock clock, Backoff backoff) {
        Require.nonNull(links, "links").forEach(link -> this.links.put(link.source(), link));
        this.config = Require.nonNull(config, "config");
        this.clock = Require.nonNull(clock, "clock");
        this.retryRule = new SearchRetryRule(new RetryRule(config, Require.nonNull(backoff, "backoff")));
    }

    /** A rate limiter letting {@code requestsPerSecond} requests start each second, evenly spread. */
    static RateLimiter<Object> perSecond(int requestsPerSecond) {
        Require.positive(requestsPerSecond, "requestsPerSecond");
        return RateLimiter.smoothBuilder(requestsPerSecond, Duration.ofSeconds(1)).build();
    }

    @Override
    public List<SourceRef> sources() {
        return List.copyOf(links.keySet());
    }

    @Override
    public List<EvidenceRecord> search(SourceRef source, SearchQuery query, CallContext context) {
        Require.nonNull(source, "source");
        Require.nonNull(query, "query");
        Require.nonNull(context, "context");
        SourceLink link = links.get(source);
        if (link == null) {
            throw new IllegalArgumentException("no evidence source " + source + " here; sources: " + links.keySet());
        }
        Optional<Instant> own = config.callDeadline().map(clock.instant()::plus);
        boolean callersFirst = context.deadline().isPresent()
                && (own.isEmpty() || context.deadline().get().isBefore(own.get()));
        return new Search(link, query, CallerListeners.shielded(context.attemptListener()),
                callersFirst ? context.deadline() : own, callersFirst ? CALLERS_DEADLINE : OWN_DEADLINE).run();
    }

    @Override
    public String toString() {
        return "ResilientSources" + links.keySet();
    }

    /** One search of one source: its tries, the failure after which the rule planned a retry, and its deadline. */
    private final class Search {

        private final SourceLink link;
        private final SearchQuery query;
        private final AttemptListener listener;
        private final Optional<Instant> deadline;
        private final String deadlineName;
        private final List<Attempt> attempts = new ArrayList<>();
        private int next;
        private int malformed;
        private SearchFailedException planned;

        /** A search within {@code deadline}, which {@code deadlineName} names in advice (the setting that sets it). */
        Search(SourceLink link, SearchQuery query, AttemptListener listener, Optional<Instant> deadline,
                String deadlineName) {
            this.link = link;
            this.query = query;
            this.listener = listener;
            this.deadline = deadline;
            this.deadlineName = deadlineName;
        }

        List<EvidenceRecord> run() {
            try {
                return PlannedRetries.run(this::attempt,
                        () -> "interrupted while waiting to search " + link.source() + " again");
            } catch (SearchFailedException failure) {
                throw new SourceFailedError(link.source(), attempts, failure);
            } catch (GaveUp gaveUp) {
                throw new SourceFailedError(link.source(), attempts, gaveUp.getCause());
            }
        }

        private List<EvidenceRecord> attempt() {
            int retry = next++;
            if (Deadlines.passed(deadline, clock)) {
                skip(retry, SkipReason.DEADLINE_REACHED, "the search's deadline passed before this try");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted before searching " + link.source());
            }
            Optional<ModelBreaker.Permit> granted = link.breaker().tryAcquire();
            if (granted.isEmpty()) {
                Duration left = link.breaker().remainingOpen();
                skip(retry, SkipReason.CIRCUIT_OPEN, left.isZero()
                        ? "after repeated failures; a trial search is under way"
                        : "after repeated failures; tried again in " + Durations.human(left));
            }
            ModelBreaker.Permit permit = granted.orElseThrow();
            try {
                waitForTheRateLimit(retry);
            } catch (RuntimeException notAdmitted) {
                permit.released();
                throw notAdmitted;
            }
            listener.searchStarted(link.source(), retry);
            Instant start = clock.instant();
            long startNanos = System.nanoTime();
            Instant ownLimit = start.plus(config.attemptTimeout());
            boolean callersDeadline = deadline.isPresent() && deadline.get().isBefore(ownLimit);
            CallContext tryContext = new CallContext(StreamListener.NONE, AttemptListener.NONE,
                    Optional.of(callersDeadline ? deadline.get() : ownLimit));
            List<EvidenceRecord> records;
            try {
                records = link.adapter().search(query, tryContext);
            } catch (SearchFailedException failure) {
                Duration took = since(startNanos);
                if (Thread.currentThread().isInterrupted()) {
                    permit.released();
                    record(Attempt.cancelled(link.source(), retry, start, took));
                    CancellationException cancelled = new CancellationException("interrupted while searching "
                            + link.source());
                    cancelled.initCause(failure);
                    throw cancelled;
                }
                record(failure.attempt(retry, start, took));
                if (callersDeadline && failure.kind() == ErrorKind.TIMEOUT) {
                    permit.released();
                    throw new GaveUp(failure);
                }
                if (ResilientChain.PROVIDER_FAILURES.contains(failure.kind())) {
                    permit.failed();
                } else {
                    permit.succeeded();
                }
                if (failure.kind().retry() == ErrorKind.Retry.ONCE) {
                    malformed++;
                }
                Optional<Duration> decided = retryRule.waitBefore(next, failure, malformed, Deadlines.left(deadline, clock));
                planned = decided.isPresent() ? failure : null;
                if (planned != null && next <= config.maxRetries()) {
                    throw new RetryPlanned(decided.get());
                }
                throw failure;
            } catch (CancellationException cancelled) {
                permit.released();
                record(Attempt.cancelled(link.source(), retry, start, since(startNanos)));
                throw cancelled;
            } catch (RuntimeException unexpected) {
                permit.failed();
                record(Attempt.failedUnexpectedly(link.source(), unexpected, retry, start, since(startNanos)));
                throw new GaveUp(unexpected);
            }
            permit.succeeded();
            record(Attempt.succeeded(link.source(), retry, start, since(startNanos)));
            return records == null ? null : records.stream().limit(query.limit()).toList();
        }

        private void waitForTheRateLimit(int retry) {
            if (link.limiter().isEmpty()) {
                return;
            }
            Optional<Duration> left = Deadlines.left(deadline, clock);
            Duration longest = left.map(this::longestRateLimitWait).orElse(config.attemptTimeout());
            boolean permitted;
            try {
                permitted = !longest.isNegative() && link.limiter().get().tryAcquirePermits(link.requestsPerSearch(), longest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for " + link.source() + "'s rate limit");
            }
            if (!permitted) {
                skip(retry, SkipReason.DEADLINE_REACHED, "its rate limit had no turn within " + Durations.human(longest)
                        + (left.isEmpty() ? " (attempt-timeout); raise requests-per-second or run fewer runs at once"
                                : ", leaving time to try (" + Durations.human(left.get()) + " to the deadline); raise "
                                        + deadlineName + " or requests-per-second, or run fewer runs at once"));
            }
        }

        /**
         * The longest a search waits for its rate limit with {@code left} before its deadline: as long as leaves its
         * try an {@code attempt-timeout}, or half of {@code left} if that is longer, so that a try keeps at least half
         * the time left rather than failing as a Timeout having spent the source's permits.
         */
        private Duration longestRateLimitWait(Duration left) {
            Duration afterATry = left.minus(config.attemptTimeout());
            Duration half = left.dividedBy(2);
            return afterATry.compareTo(half) > 0 ? afterATry : half;
        }

        /** Records a skip of the first try, or ends the search with the failure before it. */
        private void skip(int retry, SkipReason reason, String message) {
            if (retry == 0 || attempts.isEmpty()) {
                record(Attempt.skipped(link.source(), reason, message, clock.instant()));
                throw new GaveUp(null);
            }
            throw new GaveUp(planned);
        }

        private void record(Attempt attempt) {
            attempts.add(attempt);
            listener.attemptFinished(attempt);
        }

        private static Duration since(long startNanos) {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }

    /** The search ends here; its attempts are recorded, and the cause is the last failure, if any. */
    private static final class GaveUp extends RuntimeException {
        GaveUp(Throwable cause) {
            super(null, cause, false, false);
        }
    }
}
