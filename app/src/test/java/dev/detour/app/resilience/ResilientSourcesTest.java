package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.SourceTypes;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.evidence.SourceFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.testing.MutableClock;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The app's evidence sources as research steps search them: the real Europe PMC adapter over loopback HTTP to
 * the simulator, behind per-source retries, breaker and rate limit, with a clock the test moves.
 */
class ResilientSourcesTest {

    private static final SourceRef EUROPE_PMC = SourceRef.of("europepmc");
    private static final SearchQuery QUERY = SearchQuery.of("tides moon", 3);

    private final MutableClock clock = new MutableClock(Instant.now());
    private ProviderSimulator simulator;
    private EvidenceSource adapter;

    @AfterEach
    void stop() {
        adapter.close();
        simulator.close();
    }

    private ResilientSources sources(Consumer<Scenario.SourceScript> script, int maxRetries, int threshold,
            Optional<RateLimiter<Object>> limiter) {
        return sources(script, maxRetries, threshold, limiter, 1);
    }

    /** The {@code call-deadline} of the sources the next {@code sources(…)} makes. */
    private Optional<Duration> callDeadline = Optional.empty();

    private ResilientSources sources(Consumer<Scenario.SourceScript> script, int maxRetries, int threshold,
            Optional<RateLimiter<Object>> limiter, int requestsPerSearch) {
        simulator = ProviderSimulator.start(Scenario.builder("sources-test").source("europepmc", script).build());
        adapter = SourceTypes.installed().find("europepmc").orElseThrow()
                .open(AdapterSettings.of("europepmc", simulator.europePmcBaseUrl()), AdapterKey.none());
        ResilienceConfig resilience = new ResilienceConfig(Duration.ofHours(2), maxRetries,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(1), Duration.ofMillis(2), 0), Duration.ofSeconds(2),
                new ResilienceConfig.CircuitBreakerConfig(threshold, Duration.ofSeconds(30)), callDeadline);
        return new ResilientSources(List.of(new ResilientSources.SourceLink(EUROPE_PMC, adapter, limiter, requestsPerSearch,
                new ModelBreaker(resilience.circuitBreaker(), clock))), resilience, clock,
                new Backoff(resilience.backoff(), () -> 0.5));
    }

    /** Every try notice, in the order heard: {@code started 0}, {@code FAILED 503}, {@code SUCCEEDED}… */
    private static final class Heard implements AttemptListener {
        final List<String> notices = new ArrayList<>();

        @Override
        public void searchStarted(SourceRef source, int retry) {
            notices.add("started " + source + " " + retry);
        }

        @Override
        public void attemptFinished(Attempt attempt) {
            notices.add(attempt.outcome() + (attempt.httpStatus().isPresent() ? " " + attempt.httpStatus().getAsInt() : ""));
        }
    }

    private static CallContext heardBy(Heard heard) {
        return CallContext.none().withAttemptListener(heard);
    }

    @Test
    void retriesAnUnavailableSourceAndAnnouncesEveryTryAsItHappens() {
        ResilientSources sources = sources(s -> s.sequence(Behaviour.status(503, "Service Unavailable"), Behaviour.ok()),
                2, 5, Optional.empty());
        Heard heard = new Heard();

        List<EvidenceRecord> records = sources.search(EUROPE_PMC, QUERY, heardBy(heard));

        assertThat(records).hasSize(3);
        assertThat(heard.notices).containsExactly("started europepmc 0", "FAILED 503", "started europepmc 1", "SUCCEEDED");
        assertThat(simulator.requestCount("europepmc")).isEqualTo(2);
    }

    @Test
    void givesUpAfterItsRetriesWithEveryAttempt() {
        ResilientSources sources = sources(s -> s.always(Behaviour.status(502, "Bad Gateway")), 2, 10, Optional.empty());

        SourceFailedError failed = catchThrowableOfType(SourceFailedError.class,
                () -> sources.search(EUROPE_PMC, QUERY, CallContext.none()));

        assertThat(failed.source()).isEqualTo(EUROPE_PMC);
        assertThat(failed.attempts()).extracting(Attempt::retry).containsExactly(0, 1, 2);
        assertThat(failed.attempts()).allMatch(attempt -> attempt.kind().equals(Optional.of(ErrorKind.PROVIDER_UNAVAILABLE)));
        assertThat(simulator.requestCount("europepmc")).isEqualTo(3);
    }

    @Test
    void anInvalidRequestIsNotRetried() {
        ResilientSources sources = sources(s -> s.always(Behaviour.status(400, "unknown parameter: query.trem")), 2, 10,
                Optional.empty());

        SourceFailedError failed = catchThrowableOfType(SourceFailedError.class,
                () -> sources.search(EUROPE_PMC, QUERY, CallContext.none()));

        assertThat(failed.attempts()).hasSize(1);
        assertThat(simulator.requestCount("europepmc")).isEqualTo(1);
    }

    @Test
    void theBreakerOpensAcrossSearchesAndLetsATrialThroughOnceItsTimeIsUp() {
        ResilientSources sources = sources(s -> s.sequence(Behaviour.status(503, "down"), Behaviour.status(503, "down"),
                Behaviour.ok()), 0, 2, Optional.empty());
        for (int i = 0; i < 2; i++) {
            catchThrowableOfType(SourceFailedError.class, () -> sources.search(EUROPE_PMC, QUERY, CallContext.none()));
        }

        SourceFailedError skipped = catchThrowableOfType(SourceFailedError.class,
                () -> sources.search(EUROPE_PMC, QUERY, CallContext.none()));
        assertThat(skipped.lastAttempt().skipReason()).contains(SkipReason.CIRCUIT_OPEN);
        assertThat(simulator.requestCount("europepmc")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        assertThat(sources.search(EUROPE_PMC, QUERY, CallContext.none())).hasSize(3);
        assertThat(simulator.requestCount("europepmc")).isEqualTo(3);
    }

    @Test
    void aRateLimitThatWouldNotAdmitTheSearchBeforeItsDeadlineSkipsItWithoutARequest() {
        RateLimiter<Object> oncePerHour = RateLimiter.smoothBuilder(1, Duration.ofHours(1)).build();
        ResilientSources sources = sources(s -> s.always(Behaviour.ok()), 2, 5, Optional.of(oncePerHour));
        CallContext tenSecondsLeft = CallContext.none().withDeadline(clock.instant().plus(Duration.ofSeconds(10)));
        sources.search(EUROPE_PMC, QUERY, tenSecondsLeft);

        SourceFailedError skipped = catchThrowableOfType(SourceFailedError.class,
                () -> sources.search(EUROPE_PMC, QUERY, tenSecondsLeft));

        assertThat(skipped.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.skipReason()).contains(SkipReason.DEADLINE_REACHED);
            assertThat(attempt.message()).contains("rate limit");
        });
        assertThat(simulator.requestCount("europepmc")).isEqualTo(1);
    }

    @Test
    void aSearchTakesAsManyPermitsOfTheRateLimitAsTheRequestsItMakes() {
        RateLimiter<Object> twoRequestsPerHour = RateLimiter.burstyBuilder(2, Duration.ofHours(1)).build();
        ResilientSources sources = sources(s -> s.always(Behaviour.ok()), 2, 5, Optional.of(twoRequestsPerHour), 2);
        CallContext tenSecondsLeft = CallContext.none().withDeadline(clock.instant().plus(Duration.ofSeconds(10)));
        sources.search(EUROPE_PMC, QUERY, tenSecondsLeft);

        SourceFailedError skipped = catchThrowableOfType(SourceFailedError.class,
                () -> sources.search(EUROPE_PMC, QUERY, tenSecondsLeft));

        assertThat(skipped.attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.skipReason()).contains(SkipReason.DEADLINE_REACHED));
        assertThat(simulator.requestCount("europepmc")).isEqualTo(1);
    }

    /** Tries may take 2 h here: a search with 5 h left waits at most 3 h for its permits, one with 10 s left 5 s. */
    @ParameterizedTest(name = "{0} ms left, permits free in {1} ms")
    @CsvSource({"10000, 10000", "10000, 5001", "18000000, 10800001"})
    void aRateLimitWaitThatWouldLeaveTheTryTooLittleTimeSkipsTheSearchWithoutTakingPermits(long leftMillis,
            long freeInMillis) {
        ClockedRateLimiter pubMedLike = new ClockedRateLimiter(clock, Duration.ofMillis(freeInMillis));
        ResilientSources sources = sources(s -> s.always(Behaviour.ok()), 2, 5, Optional.of(pubMedLike), 2);
        Instant start = clock.instant();

        SourceFailedError skipped = catchThrowableOfType(SourceFailedError.class, () -> sources.search(EUROPE_PMC, QUERY,
                CallContext.none().withDeadline(start.plusMillis(leftMillis))));

        assertThat(skipped).isNotNull();
        assertThat(skipped.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.skipReason()).contains(SkipReason.DEADLINE_REACHED);
            assertThat(attempt.message()).contains("rate limit", "the run's time limit", "requests-per-second")
                    .doesNotContain("call-deadline");
        });
        assertThat(pubMedLike.granted()).isZero();
        assertThat(clock.instant()).isEqualTo(start);
        assertThat(simulator.requestCount("europepmc")).isZero();
    }

    @Test
    void aRateLimitSkipUnderTheSourcesOwnCallDeadlineNamesThatSetting() {
        callDeadline = Optional.of(Duration.ofSeconds(10));
        ClockedRateLimiter pubMedLike = new ClockedRateLimiter(clock, Duration.ofSeconds(10));
        ResilientSources sources = sources(s -> s.always(Behaviour.ok()), 2, 5, Optional.of(pubMedLike), 2);

        SourceFailedError skipped = catchThrowableOfType(SourceFailedError.class, () -> sources.search(EUROPE_PMC, QUERY,
                CallContext.none().withDeadline(clock.instant().plus(Duration.ofHours(1)))));

        assertThat(skipped.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.skipReason()).contains(SkipReason.DEADLINE_REACHED);
            assertThat(attempt.message()).contains("call-deadline", "requests-per-second")
                    .doesNotContain("time limit");
        });
        assertThat(pubMedLike.granted()).isZero();
    }

    @Test
    void aSearchOfASourceWhoseBreakerIsOpenIsSkippedBeforeItTakesRateLimitPermits() {
        ClockedRateLimiter pubMedLike = new ClockedRateLimiter(clock, Duration.ZERO);
        ResilientSources sources = sources(s -> s.always(Behaviour.status(503, "down")), 0, 1, Optional.of(pubMedLike), 2);
        catchThrowableOfType(SourceFailedError.class, () -> sources.search(EUROPE_PMC, QUERY, CallContext.none()));
        assertThat(pubMedLike.granted()).as("the failed search's requests").isEqualTo(2);

        SourceFailedError skipped = catchThrowableOfType(SourceFailedError.class,
                () -> sources.search(EUROPE_PMC, QUERY, CallContext.none()));

        assertThat(skipped.lastAttempt().skipReason()).contains(SkipReason.CIRCUIT_OPEN);
        assertThat(pubMedLike.granted()).isEqualTo(2);
        assertThat(simulator.requestCount("europepmc")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} ms left, permits free in {1} ms")
    @CsvSource({"10000, 5000", "18000000, 10800000", "10000, 0"})
    void aRateLimitWaitThatLeavesTheTryTimeToRunIsWaitedFor(long leftMillis, long freeInMillis) {
        ClockedRateLimiter pubMedLike = new ClockedRateLimiter(clock, Duration.ofMillis(freeInMillis));
        ResilientSources sources = sources(s -> s.always(Behaviour.ok()), 2, 5, Optional.of(pubMedLike), 2);
        Instant start = clock.instant();

        List<EvidenceRecord> records = sources.search(EUROPE_PMC, QUERY,
                CallContext.none().withDeadline(start.plusMillis(leftMillis)));

        assertThat(records).hasSize(3);
        assertThat(pubMedLike.granted()).isEqualTo(2);
        assertThat(clock.instant()).isEqualTo(start.plusMillis(freeInMillis));
        assertThat(simulator.requestCount("europepmc")).isEqualTo(1);
    }

    @Test
    void aSearchInterruptedWhileItWaitsToTryAgainStopsThereAndKeepsTheInterrupt() throws InterruptedException {
        ResilientSources sources = sources(s -> s.sequence(Behaviour.status(503, "down"), Behaviour.ok()), 2, 5,
                Optional.empty());
        AttemptListener interruptsOnFailure = new AttemptListener() {
            @Override
            public void attemptFinished(Attempt attempt) {
                Thread.currentThread().interrupt();
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread searcher = Thread.ofVirtual().start(() -> {
            try {
                sources.search(EUROPE_PMC, QUERY, CallContext.none().withAttemptListener(interruptsOnFailure));
            } catch (Throwable e) {
                thrown.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        });
        searcher.join();

        assertThat(thrown.get()).isInstanceOf(CancellationException.class)
                .hasMessageContaining("waiting to search europepmc again");
        assertThat(interruptKept).isTrue();
        assertThat(simulator.requestCount("europepmc")).isEqualTo(1);
    }

    @Test
    void aSearchWhoseDeadlineHasPassedIsSkippedWithoutARequest() {
        ResilientSources sources = sources(s -> s.always(Behaviour.ok()), 2, 5, Optional.empty());

        SourceFailedError skipped = catchThrowableOfType(SourceFailedError.class, () -> sources.search(EUROPE_PMC, QUERY,
                CallContext.none().withDeadline(clock.instant().minusSeconds(1))));

        assertThat(skipped.lastAttempt().skipReason()).contains(SkipReason.DEADLINE_REACHED);
        assertThat(simulator.requestCount("europepmc")).isZero();
    }
}
