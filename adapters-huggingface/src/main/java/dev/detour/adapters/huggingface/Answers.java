package dev.detour.adapters.huggingface;

import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;

/**
 * Turns what a provider answered (text, finish reason, usage, served model) into a {@link ChatResponse}
 * with the response's metadata, refusing what is not an answer: empty text, or content withheld by a
 * filter.
 */
final class Answers {

    private final ModelRef model;
    private final HfModelId modelId;
    private final FailureMapper failures;

    Answers(ModelRef model, HfModelId modelId, FailureMapper failures) {
        this.model = model;
        this.modelId = modelId;
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
        ResponseMeta meta = ResponseMeta.of(head, modelId);
        ChatResponse response = ChatResponse.of(model, text, finish, usage(usage))
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
