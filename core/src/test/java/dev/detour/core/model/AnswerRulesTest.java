package dev.detour.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerRulesTest {

    private static final ModelRef QWEN = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");

    private static ChatResponse answer(String text) {
        return ChatResponse.of(QWEN, text, FinishReason.of("stop"), TokenUsage.of(3, 4)).withInferenceProvider("novita")
                .withRequestId("req-1");
    }

    @Test
    void aCitationRuleRefusesNumbersOutsideTheGivenEvidenceAndAcceptsAnAnswerCitingNothing() {
        CitationRule rule = new CitationRule(3);

        assertThat(rule.violation(answer("The Moon [1], the Sun [3]."))).isEmpty();
        assertThat(rule.violation(answer("No evidence cited."))).isEmpty();
        assertThat(rule.rejected("[0] [2] [9] [4-5]")).containsExactly(0, 9, 4, 5);
        assertThat(rule.violation(answer("See [9]."))).contains("the answer cites [9], but only [1] to [3] were given");
        assertThat(new CitationRule(1).violation(answer("[2]"))).contains("the answer cites [2], but only [1] was given");
        assertThat(new CitationRule(0).violation(answer("[1]"))).contains("the answer cites [1], but no evidence was given");
        assertThatThrownBy(() -> new CitationRule(-1)).hasMessageContaining("evidenceCount");
    }

    @Test
    void anAnswerBreakingARuleIsAMalformedResponseOfTheModelThatGaveIt() {
        ChatRequest request = ChatRequest.of(ChatMessage.user("q")).withRule(new CitationRule(3));

        assertThatThrownBy(() -> AnswerRules.enforce(request, answer("Wrong [9].")))
                .isInstanceOfSatisfying(MalformedResponseException.class, failure -> {
                    assertThat(failure.model()).isEqualTo(QWEN);
                    assertThat(failure.inferenceProvider()).contains("novita");
                    assertThat(failure.requestId()).contains("req-1");
                    assertThat(failure.usage()).isEqualTo(TokenUsage.of(3, 4));
                    assertThat(failure.detail()).isEqualTo("the answer cites [9], but only [1] to [3] were given");
                });
        assertThat(AnswerRules.enforce(request, answer("Right [2]."))).extracting(ChatResponse::text).isEqualTo("Right [2].");
    }

    @Test
    void aRequestWithoutRulesTakesAnyAnswerAndEveryRuleIsHeard() {
        assertThat(AnswerRules.enforce(ChatRequest.of(ChatMessage.user("no rules")), answer("Always [5].")).text())
                .isEqualTo("Always [5].");
        assertThatThrownBy(() -> AnswerRules.enforce(ChatRequest.of(ChatMessage.user("q")).withRule(new CitationRule(9))
                .withRule(response -> Optional.of("the answer is too polite")), answer("Always [5].")))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("the answer is too polite");
    }

    @Test
    void rulesTravelWithTheRequestThroughItsOtherChanges() {
        AnswerRule rule = new CitationRule(2);
        ChatRequest request = ChatRequest.of(ChatMessage.user("q")).withRule(rule)
                .withStream(true).withOptions(GenerationOptions.defaults().withMaxOutputTokens(10));

        assertThat(request.rules()).containsExactly(rule);
        assertThat(request.withRules(java.util.List.of()).rules()).isEmpty();
        assertThat(request.toString()).endsWith(", stream=true, rules=1]");
        assertThat(new ChatRequest(request.messages(), request.options(), request.responseFormat(), false).rules()).isEmpty();
    }
}
