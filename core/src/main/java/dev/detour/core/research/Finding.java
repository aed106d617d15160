package dev.detour.core.research;

import dev.detour.core.internal.Require;
import java.util.Optional;

/**
 * What the investigation of one sub-question found, or why it found nothing.
 *
 * @param question the sub-question
 * @param answer the answer; empty when unanswered
 * @param servedBy the model (and inference provider) that answered, such as
 *     {@code hf:Qwen/Qwen2.5-7B-Instruct via hf-inference}
 * @param unansweredReason why there is no answer, such as every model failing or the budget running out
 */
public record Finding(String question, String answer, Optional<String> servedBy, Optional<String> unansweredReason) {

    public Finding {
        Require.nonBlank(question, "question");
        Require.nonNull(answer, "answer");
        Require.nonNull(servedBy, "servedBy");
        Require.nonNull(unansweredReason, "unansweredReason");
        if (unansweredReason.isPresent() == !answer.isBlank()) {
            throw new IllegalArgumentException(
                    "a finding has either an answer or a reason it has none, was answer \"" + answer + "\" and "
                            + unansweredReason);
        }
    }

    static Finding answered(String question, String answer, String servedBy) {
        return new Finding(question, answer, Optional.of(servedBy), Optional.empty());
    }

    static Finding unanswered(String question, String reason) {
        return new Finding(question, "", Optional.empty(), Optional.of(reason));
    }

    /** Whether the sub-question got an answer. */
    public boolean isAnswered() {
        return unansweredReason.isEmpty();
    }
}
