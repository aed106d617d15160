package dev.detour.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceKind;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.SearchOutcome;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.research.Finding;
import dev.detour.core.research.GatheredEvidence;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.research.Inquiry;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.research.ResearchState;
import dev.detour.core.research.Verdict;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.BudgetUsage;
import dev.detour.core.workflow.LoopResult;
import dev.detour.core.workflow.RunEnd;
import dev.detour.core.workflow.RunStart;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepFailure;
import dev.detour.core.workflow.StepPath;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.WorkflowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JsonValueCodecTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456789Z");
    private static final ModelRef QWEN = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");

    private final JsonValueCodec codec = new JsonValueCodec();

    private static ResearchState state() {
        Finding answered = new Finding("Why two bulges?", "Inertia.", Optional.of("hf:Qwen via novita"), Optional.empty());
        Finding unanswered = new Finding("Spring tides?", "", Optional.empty(), Optional.of("every model failed"));
        return new ResearchState("Why tides?", List.of("Why two bulges?", "Spring tides?"), List.of(answered, unanswered),
                List.of(new Verdict(false, List.of("no numbers"), List.of("How high?"))), List.of("How high?"), false);
    }

    private static List<Attempt> attempts() {
        return List.of(
                Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, QWEN).httpStatus(500)
                        .inferenceProvider("novita").build(), 0, AT, Duration.ofMillis(312)),
                Attempt.skipped(QWEN, SkipReason.CIRCUIT_OPEN, null, AT),
                Attempt.succeeded(ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct"), "hf-inference", 1, AT, Duration.ofMillis(40)));
    }

    private static final SourceRef PUBMED = SourceRef.of("pubmed");

    private static EvidenceRecord trial() {
        return EvidenceRecord.builder("clinicaltrials", EvidenceId.parse("NCT01234567"), "Tides and sleep: a trial")
                .authors(List.of("A. Author")).published("2019-03").venue("ClinicalTrials.gov").kind(EvidenceKind.TRIAL)
                .summary("Does the Moon keep us awake?").crossIds(List.of(EvidenceId.parse("DOI:10.1000/xyz")))
                .detail("status", "RECRUITING").detail("phases", "PHASE2").build();
    }

    private static List<Attempt> searchAttempts() {
        return List.of(
                Attempt.failed(PUBMED, ErrorKind.RATE_LIMITED, OptionalInt.of(429), "Too Many Requests",
                        Optional.of(Duration.ofSeconds(1)), 0, AT, Duration.ofMillis(12)),
                Attempt.succeeded(PUBMED, 1, AT, Duration.ofMillis(80)),
                Attempt.skipped(SourceRef.of("openalex"), SkipReason.CIRCUIT_OPEN, null, AT));
    }

    static Stream<Object> groundedValues() {
        GatheredEvidence gathered = new GatheredEvidence(new Inquiry("Why tides?", "Do tides affect sleep?"), List.of(trial()),
                List.of(new dev.detour.core.research.SourceResult("clinicaltrials", 1, Optional.empty(), OptionalInt.empty(),
                                Optional.empty()),
                        new dev.detour.core.research.SourceResult("pubmed", 0, Optional.of(ErrorKind.RATE_LIMITED),
                                OptionalInt.of(429), Optional.of("Too Many Requests"))));
        Finding grounded = new Finding("Do tides affect sleep?", "Perhaps [1].", Optional.of("hf:Qwen"), Optional.empty(),
                gathered.evidence(), gathered.sources());
        return Stream.of(
                gathered,
                grounded,
                searchAttempts(),
                new SearchOutcome(PUBMED, SearchQuery.of("tides sleep", 5), List.of(), Optional.of(searchAttempts().get(0))),
                ResearchSettings.defaults().withGrounding(GroundingSettings.of(List.of("pubmed", "clinicaltrials"))
                        .withResultsPerSource(3)),
                new WorkflowEvent.SearchStarted("run-1", 11, AT, "investigate[0]/search", PUBMED, "tides sleep", 1),
                new WorkflowEvent.SearchFailed("run-1", 12, AT, "investigate[0]/search", "tides sleep", searchAttempts().get(0)),
                new WorkflowEvent.SearchSucceeded("run-1", 13, AT, "investigate[0]/search", "tides sleep", 4,
                        searchAttempts().get(1)),
                new WorkflowEvent.SearchSkipped("run-1", 14, AT, "investigate[0]/search", "tides sleep", searchAttempts().get(2)),
                new WorkflowEvent.CitationRejected("run-1", 15, AT, "investigate[0]/answer", QWEN, 3, List.of(9)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groundedValues")
    void readsBackTheValuesOfAGroundedRunEqualAndOfTheSameType(Object value) {
        readsBackAnEqualValueOfTheSameType(value);
    }

    static Stream<Object> values() {
        LoopResult<ResearchState> refined = new LoopResult<>(state(), 2, LoopResult.StopReason.BUDGET_EXHAUSTED,
                Optional.of(new BudgetExhaustion(BudgetExhaustion.Resource.TOKENS, 50_000, 50_312)));
        StepRecord failed = new StepRecord(StepPath.of(StepPath.Segment.iteration("refine", 2),
                StepPath.Segment.item("follow-ups", 1), StepPath.Segment.step("answer")),
                refined, Optional.empty(), AT, Duration.ofMillis(5), TokenUsage.of(3, 4), attempts(), RunStatus.FAILED,
                Optional.of(new StepFailure(RunStatus.FAILED, "AllModelsFailedError", "All 2 models failed",
                        Optional.of(ErrorKind.QUOTA_EXCEEDED))));
        return Stream.of(
                "a question",
                state(),
                refined,
                new ResearchOutcome(state(), Optional.of("## Answer"), LoopResult.StopReason.CONDITION_MET, List.of("one gap")),
                ResearchSettings.defaults().withMaxIterations(2),
                List.of(1, 2, 3),
                failed,
                new RunStart("run-1", "research", "Why tides?", "Why tides?", Optional.of(ResearchSettings.defaults()),
                        List.of(QWEN), Budget.unlimited().withMaxTokens(50_000).withTimeLimit(Duration.ofMinutes(5)), AT),
                new RunEnd("run-1", RunStatus.FAILED, Optional.empty(), Optional.of("synthesize"),
                        Optional.of(new StepFailure(RunStatus.FAILED, "IllegalStateException", "broken", Optional.empty())),
                        Optional.empty(), new BudgetUsage(120, 7, Duration.ofSeconds(3)), AT),
                new WorkflowEvent.RunStarted("run-1", 1, AT, "research"),
                new WorkflowEvent.RunResumed("run-1", 9, AT, "research", 4),
                new WorkflowEvent.AttemptFailed("run-1", 3, AT, "plan", attempts().get(0)),
                new WorkflowEvent.AttemptSkipped("run-1", 4, AT, "plan", attempts().get(1)),
                new WorkflowEvent.FallbackTaken("run-1", 5, AT, "plan", QWEN, ModelRef.parse("openai:gpt-4o-mini"), "HTTP 500"),
                new WorkflowEvent.StepCompleted("run-1", 6, AT, "plan", Duration.ofMillis(20), TokenUsage.of(1, 2)),
                new WorkflowEvent.StepFailed("run-1", 7, AT, "plan", Duration.ofMillis(20),
                        new StepFailure(RunStatus.CANCELLED, "CancellationException", "cancelled", Optional.empty())),
                new WorkflowEvent.BudgetExhausted("run-1", 8, AT,
                        new BudgetExhaustion(BudgetExhaustion.Resource.MODEL_CALLS, 3, 3)),
                new WorkflowEvent.RunFailed("run-1", 10, AT, RunStatus.BUDGET_EXHAUSTED, "out of tokens", Duration.ofSeconds(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void readsBackAnEqualValueOfTheSameType(Object value) {
        Object back = codec.decode(codec.encode(value), JsonValueCodec.VERSION);

        assertThat(back).isEqualTo(value);
        if (!(value instanceof List<?>)) {
            assertThat(back).hasSameClassAs(value);
        }
    }

    @Test
    void refusesJsonWrittenByANewerDetour() {
        String json = codec.encode("x");

        assertThatThrownBy(() -> codec.decode(json, JsonValueCodec.VERSION + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value was written by a newer Detour (codec version 2; this one reads up to 1)");
    }

    @Test
    void neverReadsBackAClassFromOutsideDetourAndTheJdk() {
        String json = "{\"value\":[\"javax.naming.InitialContext\",{}]}";

        assertThatThrownBy(() -> codec.decode(json, JsonValueCodec.VERSION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read back");
    }

    @Test
    void saysWhichValueCannotBeWritten() {
        assertThatThrownBy(() -> codec.encode(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("a java.lang.Object cannot be written as JSON");
    }
}
