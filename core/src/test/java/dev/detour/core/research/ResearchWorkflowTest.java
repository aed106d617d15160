package dev.detour.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.LoopResult;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.WorkflowEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ResearchWorkflowTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final ModelRef PRIMARY = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");
    private static final ModelRef FALLBACK = ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct");

    /** Answers like a model that follows instructions, from scripted plans and verdicts. */
    private static final class FakeResearchModel implements ModelPort {
        ResearchPlan plan = new ResearchPlan(List.of("What pulls the oceans?", "Why two bulges?", "How does Earth's spin matter?"));
        final Deque<Verdict> verdicts = new ArrayDeque<>();
        final Set<String> failingQuestions = ConcurrentHashMap.newKeySet();
        boolean synthesisFails;
        final List<String> kinds = Collections.synchronizedList(new ArrayList<>());

        @Override
        public ChatResponse chat(ChatRequest request, CallContext context) {
            String system = request.messages().get(0).content();
            String user = request.messages().get(request.messages().size() - 1).content();
            if (request.responseFormat().map(format -> format.type() == ResearchPlan.class).orElse(false)) {
                kinds.add("plan");
                return answer("{...}", 20).withStructured(plan);
            }
            if (request.responseFormat().map(format -> format.type() == Verdict.class).orElse(false)) {
                kinds.add("judge");
                Verdict verdict;
                synchronized (verdicts) {
                    verdict = verdicts.isEmpty() ? new Verdict(true, List.of(), List.of()) : verdicts.poll();
                }
                return answer("{...}", 20).withStructured(verdict);
            }
            if (system.startsWith("You write the answer section")) {
                kinds.add("synthesize");
                if (synthesisFails) {
                    throw new AllModelsFailedError(List.of(Attempt.failed(
                            ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, PRIMARY).httpStatus(503).build(),
                            0, Instant.now(), Duration.ofMillis(1))), null);
                }
                return answer("Tides come from the Moon's differential pull.", 40);
            }
            kinds.add("answer");
            String subQuestion = user.substring(user.indexOf("Sub-question: ") + "Sub-question: ".length());
            if (failingQuestions.contains(subQuestion)) {
                throw ModelCallException.builder(ErrorKind.QUOTA_EXCEEDED, PRIMARY).httpStatus(402)
                        .detail("You have exceeded your monthly included credits").build();
            }
            return answer("Answer to " + subQuestion, 10);
        }

        private static ChatResponse answer(String text, long tokens) {
            return ChatResponse.of(FALLBACK, text, FinishReason.of("stop"), TokenUsage.of(tokens / 2, tokens - tokens / 2))
                    .withInferenceProvider("hf-inference");
        }
    }

    private final FakeResearchModel model = new FakeResearchModel();
    private final ResearchRunner runner = new ResearchRunner(new WorkflowEngine(model), ResearchSettings.defaults());

    @Test
    void plansInvestigatesJudgesAndSynthesizesAReport() {
        ResearchRun run = runner.run(QUESTION, RunOptions.defaults());

        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        ResearchOutcome outcome = run.result().output().orElseThrow();
        assertThat(outcome.state().findings()).extracting(Finding::question)
                .containsExactly("What pulls the oceans?", "Why two bulges?", "How does Earth's spin matter?");
        assertThat(outcome.state().findings()).allSatisfy(finding ->
                assertThat(finding.servedBy()).contains("hf:Qwen/Qwen2.5-7B-Instruct via hf-inference"));
        assertThat(outcome.refineStop()).isEqualTo(LoopResult.StopReason.CONDITION_MET);
        assertThat(run.result().record().steps()).extracting(StepRecord::path)
                .as("parallel items start in any order, between plan and judge")
                .startsWith("plan").endsWith("refine#1/judge", "synthesize")
                .containsExactlyInAnyOrder("plan", "investigate[0]/answer", "investigate[1]/answer",
                        "investigate[2]/answer", "refine#1/judge", "synthesize");
        ResearchReport report = run.report();
        assertThat(report.complete()).isTrue();
        assertThat(report.markdown())
                .startsWith("# Why do tides happen twice a day?\n\n## Answer\n\nTides come from the Moon's differential pull.\n")
                .contains("### 1. What pulls the oceans?\n\nAnswer to What pulls the oceans?\n\n"
                        + "_Source: hf:Qwen/Qwen2.5-7B-Instruct via hf-inference_")
                .contains("## Open questions\n\nNone: the findings were judged sufficient.")
                .contains("| plan | hf:Qwen/Qwen2.5-7B-Instruct | hf-inference | 1 | 20 |")
                .contains("None: every model call was answered by the first model it tried, at the first try.")
                .doesNotContain("Incomplete", "## Limitations");
    }

    @Test
    void aPlanThatAsksTheSameSubQuestionInOtherCaseOrPunctuationInvestigatesItOnce() {
        model.plan = new ResearchPlan(List.of("Why two bulges?", "why two bulges", "  WHY   two bulges ?! ", "What pulls the oceans?"));

        ResearchRun run = runner.run(QUESTION, RunOptions.defaults());

        assertThat(run.result().output().orElseThrow().state().findings()).extracting(Finding::question)
                .containsExactly("Why two bulges?", "What pulls the oceans?");
    }

    @Test
    void aJudgeNotSatisfiedWhoseFollowUpsWereAllAskedIsSaidSoNotReportedAsSufficient() {
        model.verdicts.add(new Verdict(false, List.of(), List.of("why two bulges", "What pulls the oceans?")));

        ResearchRun run = runner.run(QUESTION, RunOptions.defaults());

        assertThat(run.result().output().orElseThrow().refineStop()).isEqualTo(LoopResult.StopReason.CONDITION_MET);
        assertThat(run.report().limitations()).anySatisfy(limitation -> assertThat(limitation)
                .contains("the judge was not satisfied").contains("already been asked"));
        assertThat(run.report().markdown()).doesNotContain("None: the findings were judged sufficient")
                .contains("None listed, although the findings were not judged sufficient.");
    }

    @Test
    void refinesWithTheJudgesFollowUpQuestionsUntilTheFindingsAreSufficient() {
        model.verdicts.add(new Verdict(false, List.of("no numbers"), List.of("How high are spring tides?", "Why two bulges?")));
        model.verdicts.add(new Verdict(true, List.of(), List.of()));

        ResearchRun run = runner.run(QUESTION, RunOptions.defaults());

        ResearchOutcome outcome = run.result().output().orElseThrow();
        assertThat(outcome.state().findings()).extracting(Finding::question).containsExactly(
                "What pulls the oceans?", "Why two bulges?", "How does Earth's spin matter?", "How high are spring tides?");
        assertThat(outcome.state().verdicts()).hasSize(2);
        assertThat(run.result().record().steps()).extracting(StepRecord::path).containsSubsequence(
                "refine#1/judge", "refine#1/follow-ups[0]/answer", "refine#2/judge", "synthesize");
        assertThat(run.report().complete()).isTrue();
    }

    @Test
    void stopsRefiningAfterTheMaximumRoundsAndSaysSo() {
        for (int i = 0; i < 5; i++) {
            model.verdicts.add(new Verdict(false, List.of("still unclear"), List.of("Follow-up " + i + "?")));
        }
        ResearchRunner twoRounds = new ResearchRunner(new WorkflowEngine(model), ResearchSettings.defaults().withMaxIterations(2));

        ResearchRun run = twoRounds.run(QUESTION, RunOptions.defaults());

        assertThat(run.result().output().orElseThrow().refineStop()).isEqualTo(LoopResult.StopReason.MAX_ITERATIONS);
        assertThat(model.kinds.stream().filter("judge"::equals)).hasSize(2);
        assertThat(run.report().limitations())
                .contains("Refining stopped after 2 rounds without the findings being judged sufficient.");
        assertThat(run.report().markdown()).contains("## Open questions\n\n- still unclear\n");
    }

    @Test
    void aSubQuestionNoModelCouldAnswerBecomesAnOpenQuestionNotAFailedRun() {
        model.failingQuestions.add("Why two bulges?");

        ResearchRun run = runner.run(QUESTION, RunOptions.defaults());

        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        Finding unanswered = run.result().output().orElseThrow().state().findings().get(1);
        assertThat(unanswered.isAnswered()).isFalse();
        assertThat(unanswered.unansweredReason()).contains("QuotaExceeded, HTTP 402 from hf");
        assertThat(run.report().markdown())
                .contains("_Unanswered: QuotaExceeded, HTTP 402 from hf_")
                .contains("- Why two bulges? (unanswered)")
                .contains("| investigate[1]/answer | — | — | 1 | 0 |")
                .contains("no model answered");
        assertThat(run.report().limitations()).contains("1 of 3 sub-questions could not be answered; see Open questions.");
    }

    @Test
    void whenTheBudgetRunsOutItReportsWhatItGatheredAndSaysSo() {
        ResearchRun run = runner.run(QUESTION,
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxModelCalls(3)));

        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        ResearchOutcome outcome = run.result().output().orElseThrow();
        assertThat(outcome.synthesis()).isEmpty();
        assertThat(outcome.refineStop()).isEqualTo(LoopResult.StopReason.BUDGET_EXHAUSTED);
        assertThat(outcome.state().findings()).as("whichever item came third found the budget used up")
                .filteredOn(Finding::isAnswered).hasSize(2);
        assertThat(outcome.state().findings()).filteredOn(finding -> !finding.isAnswered()).singleElement()
                .satisfies(finding -> assertThat(finding.unansweredReason())
                        .contains("not investigated: model-call budget exhausted: 3 of 3 calls used"));
        assertThat(model.kinds).containsExactly("plan", "answer", "answer");
        assertThat(run.report().complete()).isFalse();
        assertThat(run.report().markdown())
                .contains("> **Incomplete.** Refining stopped early: model-call budget exhausted: 3 of 3 calls used.")
                .contains("_No synthesized answer. The findings below are what the run gathered._")
                .contains("The budget ran out before synthesis");
    }

    @Test
    void whenSynthesisFailsOnEveryModelTheFindingsAreStillWrittenOutMarkedIncomplete() {
        model.synthesisFails = true;

        ResearchRun run = runner.run(QUESTION, RunOptions.defaults());

        assertThat(run.result()).isInstanceOfSatisfying(RunResult.Failed.class,
                failed -> assertThat(failed.failedStep()).isEqualTo("synthesize"));
        ResearchReport report = run.report();
        assertThat(report.complete()).isFalse();
        assertThat(report.markdown())
                .contains("> **Incomplete.** The run failed at step `synthesize`: All 1 model of the chain failed (1 attempt).")
                .contains("### 3. How does Earth's spin matter?\n\nAnswer to How does Earth's spin matter?")
                .contains("| synthesize | — | — | 1 | 0 |")
                .contains("failed: AllModelsFailedError")
                .contains("no model answered: `hf:Qwen/Qwen2.5-72B-Instruct` (HTTP 503 from hf)");
    }

    @Test
    void provenanceSaysWhichFallbacksAndRetriesEachStepTook() {
        ModelPort chainLike = (request, context) -> {
            ChatResponse answer = model.chat(request, context);
            Instant now = Instant.now();
            Attempt failed = Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, PRIMARY)
                    .httpStatus(500).inferenceProvider("novita").build(), 0, now, Duration.ofMillis(5));
            Attempt retried = Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, PRIMARY)
                    .httpStatus(500).inferenceProvider("novita").build(), 1, now, Duration.ofMillis(5));
            Attempt rateLimited = Attempt.failed(ModelCallException.builder(ErrorKind.RATE_LIMITED, FALLBACK)
                    .httpStatus(429).inferenceProvider("hf-inference").build(), 0, now, Duration.ofMillis(5));
            Attempt succeeded = Attempt.succeeded(FALLBACK, "hf-inference", 1, now, Duration.ofMillis(7));
            return answer.withAttempts(List.of(failed, retried, rateLimited, succeeded));
        };
        ResearchRunner chained = new ResearchRunner(new WorkflowEngine(chainLike), ResearchSettings.defaults());

        ResearchRun run = chained.run(QUESTION, RunOptions.defaults());

        assertThat(run.report().markdown()).contains("- `plan`: fell back from `hf:Qwen/Qwen2.5-72B-Instruct`"
                + " (HTTP 500 from novita, 2 attempts) to `hf:Qwen/Qwen2.5-7B-Instruct`;"
                + " `hf:Qwen/Qwen2.5-7B-Instruct` answered after 1 retry (HTTP 429 from hf-inference)");
        assertThat(run.report().markdown()).contains("| plan | hf:Qwen/Qwen2.5-7B-Instruct | hf-inference | 4 |");
    }

    @Test
    void takesAtMostTheConfiguredNumberOfSubQuestionsFromAPlan() {
        model.plan = new ResearchPlan(List.of("a?", "b?", "a?", "c?", "d?", "e?", "f?", "g?", "h?"));

        ResearchRun run = runner.run(QUESTION, RunOptions.defaults());

        assertThat(run.result().output().orElseThrow().state().plan()).containsExactly("a?", "b?", "c?", "d?", "e?", "f?");
    }

    @Test
    void aCancelledRunStillHasAReportOfWhatItGathered() {
        ModelPort blocking = (request, context) -> {
            if (request.responseFormat().isPresent()) {
                return model.chat(request, context);
            }
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted");
            }
            return model.chat(request, context);
        };
        ResearchRunner slow = new ResearchRunner(new WorkflowEngine(blocking), ResearchSettings.defaults());
        Thread.currentThread().interrupt();

        ResearchRun run = slow.run(QUESTION, RunOptions.defaults());

        assertThat(Thread.interrupted()).as("the interrupt is handed back to the caller").isTrue();
        assertThat(run.result().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.report().markdown()).contains("> **Incomplete.** The run was cancelled")
                .contains("## Open questions\n\n- The question was not investigated.")
                .doesNotContain("judged sufficient");
    }
}
