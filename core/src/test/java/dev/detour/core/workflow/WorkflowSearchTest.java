package dev.detour.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.evidence.SearchOutcome;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.evidence.SourceFailedError;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.CitationRule;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.testing.CollectingListener;
import dev.detour.core.testing.MutableClock;
import dev.detour.core.testing.ScriptedChain;
import dev.detour.core.testing.ScriptedModelPort;
import dev.detour.core.testing.ScriptedSources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkflowSearchTest {

    private static final SourceRef PUBMED = SourceRef.of("pubmed");
    private static final SourceRef EUROPEPMC = SourceRef.of("europepmc");
    private static final SourceRef TRIALS = SourceRef.of("clinicaltrials");

    private final ScriptedModelPort model = ScriptedModelPort.answering("test", "model-a");
    private final ScriptedSources sources = ScriptedSources.of("pubmed", "europepmc", "clinicaltrials");
    private final CollectingListener events = new CollectingListener();
    private final WorkflowEngine engine = new WorkflowEngine(model, sources, java.time.Clock.systemUTC(), RunStore.none());

    private static Step<String, List<SearchOutcome>> searchEvery(int parallelism) {
        return (query, context) -> context.search(context.sources().stream()
                .map(source -> SourceSearch.of(source, SearchQuery.of(query, 3))).toList(), parallelism);
    }

    private RunResult<List<SearchOutcome>> run(Step<String, List<SearchOutcome>> step) {
        return engine.run(Workflow.step("search", step), "tidal forces", RunOptions.defaults().withListener(events));
    }

    @Test
    void recordsEverySearchInTheStepsRecordAndAnnouncesItWithItsHits() {
        RunResult<List<SearchOutcome>> result = run(searchEvery(3));

        List<SearchOutcome> outcomes = result.output().orElseThrow();
        assertThat(outcomes).extracting(SearchOutcome::source).containsExactly(PUBMED, EUROPEPMC, TRIALS);
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.answered()).isTrue();
            assertThat(outcome.records()).hasSize(3);
        });
        StepRecord step = result.record().step("search").orElseThrow();
        assertThat(step.searchAttempts()).extracting(Attempt::target).containsExactlyInAnyOrder(PUBMED, EUROPEPMC, TRIALS);
        assertThat(step.searchAttempts()).allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED));
        assertThat(step.modelAttempts()).isEmpty();
        assertThat(step.servedBy()).as("no model served a step that only searched").isEmpty();
        assertThat(events.eventsOf(WorkflowEvent.SearchStarted.class)).extracting(WorkflowEvent.SearchStarted::source)
                .containsExactlyInAnyOrder(PUBMED, EUROPEPMC, TRIALS);
        assertThat(events.eventsOf(WorkflowEvent.SearchSucceeded.class)).hasSize(3).allSatisfy(succeeded -> {
            assertThat(succeeded.step()).isEqualTo("search");
            assertThat(succeeded.query()).isEqualTo("tidal forces");
            assertThat(succeeded.hits()).isEqualTo(3);
            assertThat(succeeded.latency()).isEqualTo(succeeded.attempt().duration());
        });
        assertThat(result.record().modelCalls()).isZero();
        assertThat(result.record().tokens().totalTokens()).isZero();
    }

    @Test
    void aFailingSourceIsAnOutcomeWithItsKindStatusAndWordsAndTheOthersStillAnswer() {
        sources.thenReply("europepmc", ScriptedSources.failing("europepmc", ErrorKind.RATE_LIMITED, 429,
                "Too many requests\u001b[31m, slow down"));

        RunResult<List<SearchOutcome>> result = run(searchEvery(3));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        SearchOutcome failed = result.output().orElseThrow().get(1);
        assertThat(failed.answered()).isFalse();
        Attempt why = failed.failure().orElseThrow();
        assertThat(why.kind()).contains(ErrorKind.RATE_LIMITED);
        assertThat(why.httpStatus()).hasValue(429);
        assertThat(why.message()).isEqualTo("Too many requests [31m, slow down");
        assertThat(result.output().orElseThrow()).filteredOn(SearchOutcome::answered).hasSize(2);
        assertThat(events.eventsOf(WorkflowEvent.SearchFailed.class)).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo(EUROPEPMC);
            assertThat(event.kind()).contains(ErrorKind.RATE_LIMITED);
            assertThat(event.status()).hasValue(429);
            assertThat(event.message()).contains("Too many requests");
        });
        assertThat(result.record().step("search").orElseThrow().searchAttempts())
                .filteredOn(attempt -> attempt.outcome() == Attempt.Outcome.FAILED).extracting(Attempt::target)
                .containsExactly(EUROPEPMC);
    }

    @Test
    void aSourceThatAnnouncesItsRetriesIsRecordedAsItSaidAndNotTwice() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Attempt first = Attempt.failed(PUBMED, ErrorKind.PROVIDER_UNAVAILABLE, OptionalInt.of(503), "down", Optional.empty(),
                0, t0, Duration.ofMillis(3));
        Attempt second = Attempt.failed(PUBMED, ErrorKind.PROVIDER_UNAVAILABLE, OptionalInt.of(503), "still down",
                Optional.empty(), 1, t0, Duration.ofMillis(4));
        sources.thenReply("pubmed", (query, context) -> {
            context.attemptListener().searchStarted(PUBMED, 0);
            context.attemptListener().attemptFinished(first);
            context.attemptListener().searchStarted(PUBMED, 1);
            context.attemptListener().attemptFinished(second);
            throw new SourceFailedError(PUBMED, List.of(first, second), null);
        });

        RunResult<List<SearchOutcome>> result = run((query, context) ->
                context.search(List.of(SourceSearch.of(PUBMED, SearchQuery.of(query, 3))), 1));

        assertThat(result.output().orElseThrow().get(0).failure()).contains(second);
        assertThat(result.record().step("search").orElseThrow().attempts()).containsExactly(first, second);
        assertThat(events.names()).containsSubsequence("SearchStarted", "SearchFailed", "SearchStarted", "SearchFailed");
        assertThat(events.eventsOf(WorkflowEvent.SearchStarted.class)).extracting(WorkflowEvent.SearchStarted::retry)
                .containsExactly(0, 1);
    }

    @Test
    void searchesEverySourceAtOnceUpToTheParallelismAsked() {
        CountDownLatch allThree = new CountDownLatch(3);
        for (String source : List.of("pubmed", "europepmc", "clinicaltrials")) {
            sources.byDefault(source, (query, context) -> {
                allThree.countDown();
                allThree.await(5, TimeUnit.SECONDS);
                return ScriptedSources.echo(source).search(query, context);
            });
        }

        run(searchEvery(3));
        assertThat(sources.maxInFlight()).isEqualTo(3);

        ScriptedSources bounded = ScriptedSources.of("a", "b", "c", "d");
        CountDownLatch firstTwo = new CountDownLatch(2);
        for (String source : List.of("a", "b", "c", "d")) {
            bounded.byDefault(source, (query, context) -> {
                firstTwo.countDown();
                firstTwo.await(5, TimeUnit.SECONDS);
                Thread.sleep(20);
                return List.of();
            });
        }
        new WorkflowEngine(model, bounded, java.time.Clock.systemUTC(), RunStore.none())
                .run(Workflow.step("search", searchEvery(2)), "q");
        assertThat(bounded.maxInFlight()).isEqualTo(2);
        assertThat(bounded.searches()).hasSize(4);
    }

    @Test
    void searchesUseNeitherTokensNorModelCallsOfTheBudget() {
        Workflow<String, String> workflow = Workflow.step("ground", (String query, StepContext context) -> {
            context.search(List.of(SourceSearch.of(PUBMED, SearchQuery.of(query, 3)),
                    SourceSearch.of(EUROPEPMC, SearchQuery.of(query, 3))), 2);
            return context.call(ChatRequest.of(ChatMessage.user(query))).text();
        });

        RunResult<String> result = engine.run(workflow, "q", RunOptions.defaults()
                .withBudget(Budget.unlimited().withMaxModelCalls(1)));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.record().modelCalls()).isEqualTo(1);
        assertThat(sources.searches()).hasSize(2);
    }

    @Test
    void noSearchStartsOnceTheRunsTimeLimitHasPassed() {
        MutableClock clock = MutableClock.atEpoch();
        WorkflowEngine timed = new WorkflowEngine(model, sources, clock, RunStore.none());
        Workflow<String, List<SearchOutcome>> workflow = Workflow.step("search", (String query, StepContext context) -> {
            clock.advance(Duration.ofMinutes(2));
            return searchEvery(3).execute(query, context);
        });

        RunResult<List<SearchOutcome>> result = timed.run(workflow, "q", RunOptions.defaults().withListener(events)
                .withBudget(Budget.unlimited().withTimeLimit(Duration.ofMinutes(1))));

        assertThat(sources.searches()).isEmpty();
        assertThat(result.output().orElseThrow()).allSatisfy(outcome -> assertThat(outcome.failure().orElseThrow().skipReason())
                .contains(SkipReason.DEADLINE_REACHED));
        assertThat(events.eventsOf(WorkflowEvent.SearchSkipped.class)).hasSize(3);
        assertThat(events.eventsOf(WorkflowEvent.BudgetExhausted.class)).hasSize(1);
    }

    @Test
    void passesTheRunsDeadlineToEverySearch() {
        MutableClock clock = MutableClock.atEpoch();
        List<Optional<Instant>> deadlines = new java.util.concurrent.CopyOnWriteArrayList<>();
        sources.byDefault("pubmed", (query, context) -> {
            deadlines.add(context.deadline());
            return List.of();
        });

        new WorkflowEngine(model, sources, clock, RunStore.none()).run(Workflow.step("search",
                (String query, StepContext context) -> context.search(List.of(SourceSearch.of(PUBMED, SearchQuery.of(query, 1))), 1)),
                "q", RunOptions.defaults().withBudget(Budget.unlimited().withTimeLimit(Duration.ofSeconds(30))));

        assertThat(deadlines).containsExactly(Optional.of(clock.instant().plusSeconds(30)));
    }

    @Test
    void cancellingARunInterruptsItsSearchesPromptly() throws Exception {
        CountDownLatch allStarted = new CountDownLatch(3);
        for (String source : List.of("pubmed", "europepmc", "clinicaltrials")) {
            sources.byDefault(source, (query, context) -> {
                allStarted.countDown();
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                return List.of();
            });
        }
        Workflow<String, String> workflow = Workflow.step("search", searchEvery(3)).then("after", (outcomes, context) -> "x");

        RunHandle<String> handle = engine.start(workflow, "q", RunOptions.defaults());
        assertThat(allStarted.await(5, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        RunResult<String> result = handle.await(Duration.ofSeconds(5)).orElseThrow(
                () -> new AssertionError("the run did not stop within 5 s of being cancelled"));

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.record().step("search").orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.record().step("after")).isEmpty();
    }

    @Test
    void aSourceThatBreaksUnexpectedlyFailsItsSearchNotTheRun() {
        sources.thenReply("pubmed", ScriptedSources.failing(new IllegalStateException("parser bug")));

        RunResult<List<SearchOutcome>> result = run(searchEvery(3));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.output().orElseThrow().get(0).failure().orElseThrow().message())
                .isEqualTo("unexpected IllegalStateException: parser bug");
    }

    @Test
    void refusesASearchOfASourceTheRunDoesNotHave() {
        RunResult<List<SearchOutcome>> result = run((query, context) ->
                context.search(List.of(SourceSearch.of(SourceRef.of("scopus"), SearchQuery.of(query, 1))), 1));

        assertThat(result).isInstanceOfSatisfying(RunResult.Failed.class, failed ->
                assertThat(failed.failure()).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("scopus").hasMessageContaining("[pubmed, europepmc, clinicaltrials]"));
    }

    @Test
    void anEngineWithoutSourcesHasNoneToSearch() {
        RunResult<List<SourceRef>> result = new WorkflowEngine(model).run(
                Workflow.step("look", (String input, StepContext context) -> context.sources()), "q");

        assertThat(result.output()).contains(List.of());
        assertThat(EvidenceSources.none().sources()).isEmpty();
    }

    @Test
    void anAnswerCitingEvidenceItWasNotGivenIsRejectedRetriedOnceAndFallsBack() {
        ScriptedModelPort primary = ScriptedModelPort.answering("hf", "big");
        ScriptedModelPort secondary = ScriptedModelPort.answering("hf", "small");
        primary.byDefault(request -> "Tides follow the Moon [1][9].", 10);
        secondary.byDefault(request -> "Tides follow the Moon [1], [3].", 10);
        WorkflowEngine chained = new WorkflowEngine(new ScriptedChain(primary, secondary));
        Workflow<String, String> workflow = Workflow.step("answer", (String input, StepContext context) ->
                context.call(ChatRequest.of(ChatMessage.user(input)).withRule(new CitationRule(3))).text());

        RunResult<String> result = chained.run(workflow, "why tides?", RunOptions.defaults().withListener(events));

        assertThat(result.output()).contains("Tides follow the Moon [1], [3].");
        assertThat(primary.calls()).isEqualTo(2);
        assertThat(result.record().step("answer").orElseThrow().attempts())
                .extracting(Attempt::target, Attempt::outcome, attempt -> attempt.kind().orElse(null))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(primary.model(), Attempt.Outcome.FAILED, ErrorKind.MALFORMED_RESPONSE),
                        org.assertj.core.groups.Tuple.tuple(primary.model(), Attempt.Outcome.FAILED, ErrorKind.MALFORMED_RESPONSE),
                        org.assertj.core.groups.Tuple.tuple(secondary.model(), Attempt.Outcome.SUCCEEDED, null));
        assertThat(result.record().step("answer").orElseThrow().attempts().get(0).message())
                .isEqualTo("the answer cites [9], but only [1] to [3] were given");
        assertThat(events.eventsOf(WorkflowEvent.CitationRejected.class)).hasSize(2).allSatisfy(rejected -> {
            assertThat(rejected.model()).isEqualTo(primary.model());
            assertThat(rejected.evidenceGiven()).isEqualTo(3);
            assertThat(rejected.rejected()).containsExactly(9);
        });
        assertThat(events.eventsOf(WorkflowEvent.FallbackTaken.class)).singleElement()
                .satisfies(fallback -> assertThat(fallback.reason()).isEqualTo("MalformedResponse from hf"));
    }

    @Test
    void refusesBadSearchArguments() {
        RunResult<List<SearchOutcome>> result = run((query, context) -> context.search(List.of(), 0));

        assertThat(result).isInstanceOfSatisfying(RunResult.Failed.class, failed ->
                assertThat(failed.failure()).hasMessageContaining("parallelism"));
        assertThatThrownBy(() -> new WorkflowEngine(model, null, java.time.Clock.systemUTC(), RunStore.none()))
                .hasMessageContaining("evidence");
    }
}
