package dev.detour.adapters.openai;

import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.transport.HttpHead;

/**
 * Turns what a completion or a finished stream said into a {@link ChatResponse}, or into the failure it
 * really is: a content filter, a refusal, or an answer with no text.
 */
final class Answers {

    private final ModelRef model;
    private final FailureMapper failures;

    Answers(ModelRef model, FailureMapper failures) {
        this.model = model;
        this.failures = failures;
    }

    /** The parts of an answer, whether read from one body or assembled from a stream. */
    record Parts(String text, String refusal, boolean toolCalls, String finishReason, ChatCompletion.Usage usage,
            String servedModel) {}

    ChatResponse answer(HttpHead head, Parts parts) {
        FinishReason reason = FinishReason.of(parts.finishReason());
        if (reason.kind() == FinishReason.Kind.CONTENT_FILTER) {
            throw failures.contentFiltered(head, "the provider withheld the answer (finish_reason \""
                    + parts.finishReason() + "\")");
        }
        if (parts.text().isEmpty() && parts.refusal() != null && !parts.refusal().isBlank()) {
            throw failures.contentFiltered(head, "the model refused: " + parts.refusal());
        }
        if (parts.text().isEmpty()) {
            throw failures.malformed(head, parts.toolCalls()
                    ? "the answer is a tool call, but Detour offered no tools"
                    : "the answer has no text (finish_reason \"" + parts.finishReason() + "\")", null);
        }
        String servedModel = parts.servedModel() == null || parts.servedModel().isBlank() ? null : parts.servedModel();
        return ChatResponse.of(model, parts.text(), reason, usage(parts.usage()))
                .withServedModel(servedModel)
                .withRequestId(head.requestId().orElse(null));
    }

    private static TokenUsage usage(ChatCompletion.Usage usage) {
        if (usage == null) {
            return TokenUsage.NONE;
        }
        long prompt = count(usage.promptTokens());
        long completion = count(usage.completionTokens());
        return new TokenUsage(prompt, completion,
                usage.totalTokens() == null ? prompt + completion : count(usage.totalTokens()));
    }

    private static long count(Long value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
