package dev.detour.adapters.huggingface;

import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.TokenUsage;
import dev.detour.transport.HttpHead;

/**
 * Turns what a provider answered (text, finish reason, usage, served model) into a {@link ChatResponse}
 * with the response's metadata, refusing what is not an answer: empty text, or content withheld by a
 * filter.
 */
final class Answers {

    private final FailureMapper failures;

    Answers(FailureMapper failures) {
        this.failures = failures;
    }

    /**
     * The response for an answer; {@code finishReason} may be null when the provider sent none in a
     * complete (non-streamed) body.
     */
    ChatResponse answer(HttpHead head, String text, String finishReason, ChatCompletion.Usage usage, String servedModel) {
        FinishReason finish = FinishReason.of(finishReason == null ? "unknown" : finishReason);
        if (finish.kind() == FinishReason.Kind.CONTENT_FILTER) {
            throw failures.contentFiltered(head, finish.raw());
        }
        if (text.isBlank()) {
            throw failures.malformed(head, "the answer from " + head.host() + " has empty content (finish_reason \""
                    + finish.raw() + "\")", null);
        }
        ResponseMeta meta = failures.metaOf(head);
        ChatResponse response = ChatResponse.of(failures.model(), text, finish, usage(usage))
                .withInferenceProvider(meta.inferenceProvider().orElse(null))
                .withRequestId(meta.requestId().orElse(null));
        return servedModel == null || servedModel.isBlank() ? response : response.withServedModel(servedModel);
    }

    static TokenUsage usage(ChatCompletion.Usage usage) {
        if (usage == null) {
            return TokenUsage.NONE;
        }
        long prompt = positiveOrZero(usage.promptTokens());
        long completion = positiveOrZero(usage.completionTokens());
        long total = usage.totalTokens() == null || usage.totalTokens() < 0 ? prompt + completion : usage.totalTokens();
        return new TokenUsage(prompt, completion, total);
    }

    private static long positiveOrZero(Long value) {
        return value == null || value < 0 ? 0 : value;
    }
}
