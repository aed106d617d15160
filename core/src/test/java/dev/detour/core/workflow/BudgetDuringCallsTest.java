package dev.detour.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.testing.MutableClock;
import dev.detour.core.testing.ScriptedModelPort;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, items 15 and 19, in the engine: a time limit that passes during a call exhausts the budget, each
 * call's output is capped at the tokens left, and tokens that failed calls reported are charged.
 */
class BudgetDuringCallsTest {

    private final ScriptedModelPort model = ScriptedModelPort.answering("test", "model-a");
    private final MutableClock clock = MutableClock.atEpoch();
    private final WorkflowEngine engine = new WorkflowEngine(model, clock);

    private static Workflow<String, String> asking(ChatRequest request) {
        return Workflow.step("ask", (input, context) -> context.call(request).text());
    }

    @Test
    void aTimeLimitThatPassesDuringACallEndsTheRunAsBudgetExhaustedWithTheCallsAttempts() {
        model.thenReply((request, context) -> {
            clock.advance(Duration.ofMinutes(2));
            throw new AllModelsFailedError(List.of(
                    Attempt.failed(ModelCallException.builder(ErrorKind.TIMEOUT, model.model()).build(), 0,
                            clock.instant(), Duration.ofMinutes(2)),
                    Attempt.skipped(model.model(), SkipReason.DEADLINE_REACHED, null, clock.instant())), null);
        });

        RunResult<String> result = engine.run(asking(ChatRequest.of(ChatMessage.user("why?"))), "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withTimeLimit(Duration.ofMinutes(1))));

        assertThat(result).isInstanceOfSatisfying(RunResult.BudgetExhausted.class, exhausted ->
                assertThat(exhausted.exhaustion().resource()).isEqualTo(BudgetExhaustion.Resource.TIME));
        StepRecord ask = result.record().step("ask").orElseThrow();
        assertThat(ask.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(ask.attempts()).hasSize(2);
    }

    @Test
    void aRequestEveryModelWouldRefuseStaysAFailureEvenWhenTheTimeLimitPassed() {
        model.thenReply((request, context) -> {
            clock.advance(Duration.ofMinutes(2));
            throw ModelCallException.builder(ErrorKind.INVALID_REQUEST, model.model()).httpStatus(400).build();
        });

        RunResult<String> result = engine.run(asking(ChatRequest.of(ChatMessage.user("why?"))), "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withTimeLimit(Duration.ofMinutes(1))));

        assertThat(result).isInstanceOf(RunResult.Failed.class);
    }

    @Test
    void capsEachCallsOutputAtTheTokensLeftWhenItStarts() {
        Workflow<String, String> twoCalls = asking(ChatRequest.of(ChatMessage.user("first")))
                .then("again", (input, context) -> context.call(ChatRequest.of(ChatMessage.user("second"))
                        .withOptions(GenerationOptions.defaults().withMaxOutputTokens(1000))).text());

        engine.run(twoCalls, "q", RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(25)));

        assertThat(model.requests()).extracting(request -> request.options().maxOutputTokens().getAsInt())
                .containsExactly(25, 15);
    }

    @Test
    void leavesASmallerOutputLimitOfTheRequestAlone() {
        engine.run(asking(ChatRequest.of(ChatMessage.user("q"))
                        .withOptions(GenerationOptions.defaults().withMaxOutputTokens(7))), "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(25)));

        assertThat(model.requests().get(0).options().maxOutputTokens()).hasValue(7);
    }

    @Test
    void chargesTheTokensAFailedCallReported() {
        model.thenReply((request, context) -> {
            throw ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, model.model())
                    .usage(TokenUsage.of(30, 12)).build();
        });

        RunResult<String> result = engine.run(asking(ChatRequest.of(ChatMessage.user("q"))), "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(40)));

        assertThat(result.record().tokens()).isEqualTo(TokenUsage.of(30, 12));
        assertThat(result.record().step("ask").orElseThrow().tokens().totalTokens()).isEqualTo(42);
    }
}
