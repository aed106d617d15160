package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.research.Finding;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.workflow.RunResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 1: an answer that is empty or only whitespace is a MalformedResponse of the model that gave
 * it, whichever adapter read it: retried once, then the chain falls back. It never reaches the research domain.
 */
class BlankAnswerTest {

    private static final String WHITESPACE = " \n\t  \n";

    private ChainRig rig;

    @BeforeEach
    void start() {
        rig = ChainRig.start(ChainRig.resilience(2, 3), "blank", "healthy");
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void aWhitespaceAnswerIsMalformedRetriedOnceThenFallsBack() {
        rig.provider.always("blank", FakeProvider.completion("blank", WHITESPACE, 12, 3));

        ChatResponse answer = rig.chain().chat(ChatRequest.of(ChatMessage.user("why?")));

        assertThat(answer.model()).isEqualTo(ChainRig.model("healthy"));
        assertThat(answer.attempts()).extracting(Attempt::model, Attempt::retry, attempt -> attempt.kind().orElse(null))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ChainRig.model("blank"), 0, ErrorKind.MALFORMED_RESPONSE),
                        org.assertj.core.groups.Tuple.tuple(ChainRig.model("blank"), 1, ErrorKind.MALFORMED_RESPONSE),
                        org.assertj.core.groups.Tuple.tuple(ChainRig.model("healthy"), 0, null));
        assertThat(answer.attempts().get(0).message()).isEqualTo("the answer is empty (whitespace only)");
    }

    @Test
    void anEmptyAnswerIsMalformedToo() {
        rig.provider.always("blank", FakeProvider.completion("blank", "", 12, 0));

        ChatResponse answer = rig.chain().chat(ChatRequest.of(ChatMessage.user("why?")));

        assertThat(answer.model()).isEqualTo(ChainRig.model("healthy"));
        assertThat(rig.provider.requestsFor("blank")).isEqualTo(2);
    }

    @Test
    void aResearchRunWhosePrimaryAnswersWhitespaceFallsBackAndAnswersEverySubQuestion() {
        rig.provider.answering(request -> request.model().equals("blank") && request.body().contains("careful researcher"),
                FakeProvider.completion("blank", WHITESPACE, 12, 3));

        ResearchRun run = rig.research().run("Why do tides happen twice a day?");

        assertThat(run.result()).isInstanceOf(RunResult.Completed.class);
        ResearchOutcome outcome = (ResearchOutcome) run.result().output().orElseThrow();
        assertThat(outcome.state().findings()).extracting(Finding::question)
                .containsExactly("What causes it?", "How often?", "Where is it strongest?");
        assertThat(outcome.state().findings()).allSatisfy(finding -> {
            assertThat(finding.answer()).isEqualTo("Answer from healthy.");
            assertThat(finding.servedBy()).contains("fake:healthy");
        });
    }
}
