package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.research.ResearchPlan;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.Workflow;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 19: the token budget bounds what calls already in flight can overshoot it (each call's output
 * is capped at the tokens left when it starts), and the tokens of failed attempts that a provider reported
 * are charged like an answer's.
 */
class TokenBudgetTest {

    private ChainRig rig;

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private static Workflow<String, String> asking(ChatRequest request) {
        return Workflow.step("ask", (item, context) -> context.call(request).text());
    }

    @Test
    void capsTheOutputOfEveryCallInFlightAtTheTokensLeftWhenItStarted() {
        rig = ChainRig.start(ChainRig.resilience(0, 3), "model");
        rig.provider.always("model", FakeProvider.completion("model", "An answer.", 6, 4));
        CountDownLatch fourInFlight = new CountDownLatch(4);
        rig.provider.beforeAnswering(request -> {
            fourInFlight.countDown();
            try {
                fourInFlight.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Workflow<List<String>, List<String>> eightItems =
                Workflow.parallelMap("items", asking(ChatRequest.of(ChatMessage.user("why?"))), 4);

        RunResult<List<String>> result = rig.engine().run(eightItems, List.of("1", "2", "3", "4", "5", "6", "7", "8"),
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(15)));

        assertThat(result).isInstanceOfSatisfying(RunResult.BudgetExhausted.class, exhausted ->
                assertThat(exhausted.exhaustion().resource()).isEqualTo(BudgetExhaustion.Resource.TOKENS));
        List<FakeProvider.Received> requests = rig.provider.received();
        assertThat(requests.subList(0, 4)).as("the four calls started with nothing used")
                .allSatisfy(request -> assertThat(request.body()).contains("\"max_tokens\":15"));
        assertThat(requests.subList(4, requests.size())).as("a call started once one answer of 10 tokens was charged")
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(request -> assertThat(request.body()).contains("\"max_tokens\":5"));
        assertThat(result.record().tokens().totalTokens())
                .as("each call in flight adds at most its prompt and the tokens left when it started")
                .isEqualTo(10L * requests.size())
                .isLessThanOrEqualTo(4 * (6 + 15) + (6 + 5));
    }

    @Test
    void chargesTheTokensOfAttemptsWhoseAnswerWasUnusable() {
        rig = ChainRig.start(ChainRig.resilience(2, 3), "garbled", "healthy");
        rig.provider.always("garbled", FakeProvider.completion("garbled", "Sure! Tides, moon.", 12, 3));
        Workflow<String, String> plan = asking(ChatRequest.of(ChatMessage.user("plan: why tides?"))
                .withResponseFormat(ResponseFormat.of(ResearchPlan.class)));

        RunResult<String> result = rig.engine().run(plan, "tides");

        assertThat(result).isInstanceOf(RunResult.Completed.class);
        assertThat(result.record().tokens().totalTokens()).as("two unusable answers of 15 tokens, one of 20")
                .isEqualTo(50);
    }

    @Test
    void chargesTheTokensOfACallOnWhichEveryModelFailed() {
        rig = ChainRig.start(ChainRig.resilience(2, 3), "garbled");
        rig.provider.always("garbled", FakeProvider.completion("garbled", "Sure! Tides, moon.", 12, 3));
        Workflow<String, String> plan = asking(ChatRequest.of(ChatMessage.user("plan: why tides?"))
                .withResponseFormat(ResponseFormat.of(ResearchPlan.class)));

        RunResult<String> result = rig.engine().run(plan, "tides",
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(1000)));

        assertThat(result).isInstanceOf(RunResult.Failed.class);
        assertThat(result.record().tokens().totalTokens()).isEqualTo(30);
    }
}
