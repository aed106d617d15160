package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.Optional;

/**
 * Holds a model's answer to the {@link AnswerRule rules} of its request, so that an answer that breaks one
 * is a {@link MalformedResponseException} of the model that gave it, carrying the tokens the answer cost.
 *
 * <p>Every port that hands answers on applies it to each attempt's answer, below retries and fallback
 * (the resilience chain does, per attempt), so that a broken rule is retried once and then fallen back
 * from like any malformed answer. Applied to a whole chain's final answer instead, it would turn that
 * answer into a failure the chain can no longer recover from.
 */
public final class AnswerRules {

    private AnswerRules() {}

    /**
     * {@code answer}, when it follows every rule of {@code request}.
     *
     * @throws MalformedResponseException of the model that answered, naming the first rule it broke
     */
    public static ChatResponse enforce(ChatRequest request, ChatResponse answer) {
        Require.nonNull(request, "request");
        Require.nonNull(answer, "answer");
        for (AnswerRule rule : request.rules()) {
            Optional<String> violation = rule.violation(answer);
            if (violation.isPresent()) {
                throw ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, answer.model())
                        .inferenceProvider(answer.inferenceProvider().orElse(null))
                        .requestId(answer.requestId().orElse(null))
                        .usage(answer.usage())
                        .detail(violation.get())
                        .build();
            }
        }
        return answer;
    }
}
