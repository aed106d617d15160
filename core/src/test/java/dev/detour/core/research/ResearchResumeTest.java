package dev.detour.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.testing.InMemoryRunStore;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.WorkflowEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResearchResumeTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final String SLOW = "Why two bulges?";

    /** Plans three sub-questions, answers each, judges them sufficient; can hold one sub-question's answer back. */
    private static final class Model implements ModelPort {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release;

        Model(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public ChatResponse chat(ChatRequest request, CallContext context) {
            String user = request.messages().get(request.messages().size() - 1).content();
            if (request.responseFormat().map(format -> format.type() == ResearchPlan.class).orElse(false)) {
                asked.add("plan");
                return answer("{}").withStructured(new ResearchPlan(List.of("What pulls the oceans?", SLOW, "Why the Moon?")));
            }
            if (request.responseFormat().map(format -> format.type() == Verdict.class).orElse(false)) {
                asked.add("judge");
                return answer("{}").withStructured(new Verdict(true, List.of(), List.of()));
            }
            if (request.messages().get(0).content().startsWith("You write the answer section")) {
                asked.add("synthesize");
                return answer("Tides come from the Moon's differential pull.");
            }
            String subQuestion = user.substring(user.indexOf("Sub-question: ") + "Sub-question: ".length());
            asked.add("answer " + subQuestion);
            if (subQuestion.equals(SLOW)) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.util.concurrent.CancellationException("interrupted");
                }
            }
            return answer("Answer to " + subQuestion);
        }

        private static ChatResponse answer(String text) {
            return ChatResponse.of(ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct"), text, FinishReason.of("stop"),
                    TokenUsage.of(5, 5));
        }
    }

    private final InMemoryRunStore store = new InMemoryRunStore();

    private String runId;

    /** Runs until the plan and two answers are stored; what a process killed then leaves behind. */
    private InMemoryRunStore crashAfterTwoAnswers() throws InterruptedException {
        CountDownLatch stored = new CountDownLatch(3);
        store.watchSteps(step -> stored.countDown());
        Model model = new Model(new CountDownLatch(1));
        ResearchRunner runner = new ResearchRunner(new WorkflowEngine(model, Clock.systemUTC(), store), ResearchSettings.defaults());
        RunHandle<ResearchOutcome> handle = runner.start(QUESTION, runner.settings(), RunOptions.defaults());
        assertThat(stored.await(10, TimeUnit.SECONDS)).isTrue();
        InMemoryRunStore leftBehind = store.copy();
        handle.cancel();
        handle.await();
        runId = handle.runId();
        return leftBehind;
    }

    @Test
    void aResumedResearchRunAsksNoModelAgainForACompletedStepAndItsReportHoldsEveryFinding() throws Exception {
        InMemoryRunStore leftBehind = crashAfterTwoAnswers();
        StoredRun crashed = leftBehind.find(runId).orElseThrow();
        Model afterRestart = new Model(new CountDownLatch(0));
        ResearchRunner runner = new ResearchRunner(new WorkflowEngine(afterRestart, Clock.systemUTC(), leftBehind),
                ResearchSettings.defaults());

        RunHandle<ResearchOutcome> handle = runner.resume(crashed, RunOptions.defaults());
        ResearchReport report = ResearchReport.of(QUESTION, handle.await());

        assertThat(afterRestart.asked).containsExactly("answer " + SLOW, "judge", "synthesize");
        assertThat(report.complete()).isTrue();
        assertThat(report.findings()).extracting(Finding::question)
                .containsExactly("What pulls the oceans?", SLOW, "Why the Moon?");
        assertThat(report.markdown()).contains("Answer to What pulls the oceans?", "Answer to " + SLOW, "Answer to Why the Moon?")
                .contains("| plan | hf:Qwen/Qwen2.5-7B-Instruct |");
        StoredRun finished = leftBehind.find(crashed.runId()).orElseThrow();
        assertThat(finished.summary().status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(ResearchReport.of(finished).markdown()).isEqualTo(report.markdown());
    }

    @Test
    void theReportOfAStoredRunThatNeverEndedSaysSoAndHoldsWhatItStored() throws Exception {
        StoredRun crashed = crashAfterTwoAnswers().find(runId).orElseThrow();

        ResearchReport report = ResearchReport.of(crashed);

        assertThat(crashed.summary().status()).isEqualTo(RunSummary.Status.UNFINISHED);
        assertThat(crashed.result()).isEmpty();
        assertThat(report.complete()).isFalse();
        assertThat(report.markdown())
                .contains("> **Incomplete.** The run did not finish: its process stopped before the run ended.")
                .contains("Answer to What pulls the oceans?", "Answer to Why the Moon?")
                .doesNotContain("Answer to " + SLOW)
                .contains("`: unfinished, ");
    }

    @Test
    void aStoredRunThatEndedHasTheReportItHadThen() throws Exception {
        ResearchRunner runner = new ResearchRunner(new WorkflowEngine(new Model(new CountDownLatch(0)), Clock.systemUTC(), store),
                ResearchSettings.defaults().withMaxIterations(2));

        ResearchRun run = runner.run(QUESTION, RunOptions.defaults());

        StoredRun stored = store.find(run.result().record().runId()).orElseThrow();
        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stored.start().settings()).contains(ResearchSettings.defaults().withMaxIterations(2));
        assertThat(ResearchReport.of(stored).markdown()).isEqualTo(run.report().markdown());
    }
}
