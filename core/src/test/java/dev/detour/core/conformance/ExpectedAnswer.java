package dev.detour.core.conformance;

import dev.detour.core.internal.Require;
import dev.detour.core.model.TokenUsage;
import java.util.Optional;

/**
 * What the adapter must return for a successful canned response. Every field is compared exactly:
 * an empty optional means the answer must not have that value either.
 *
 * @param text the full answer text
 * @param finishReason the provider's finish reason, as sent (such as {@code stop})
 * @param usage the token usage, {@link TokenUsage#NONE} when the provider reported none
 * @param servedModel the model id the provider reported
 * @param requestId the provider's request id
 * @param inferenceProvider who ran the model, when the adapter can tell
 */
public record ExpectedAnswer(
        String text,
        String finishReason,
        TokenUsage usage,
        Optional<String> servedModel,
        Optional<String> requestId,
        Optional<String> inferenceProvider) {

    public ExpectedAnswer {
        Require.nonNull(text, "text");
        Require.nonNull(finishReason, "finishReason");
        Require.nonNull(usage, "usage");
        Require.nonNull(servedModel, "servedModel");
        Require.nonNull(requestId, "requestId");
        Require.nonNull(inferenceProvider, "inferenceProvider");
    }

    /** An answer with no served model, request id or inference provider. */
    public static ExpectedAnswer of(String text, String finishReason, TokenUsage usage) {
        return new ExpectedAnswer(text, finishReason, usage, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ExpectedAnswer servedModel(String value) {
        return new ExpectedAnswer(text, finishReason, usage, Optional.of(value), requestId, inferenceProvider);
    }

    public ExpectedAnswer requestId(String value) {
        return new ExpectedAnswer(text, finishReason, usage, servedModel, Optional.of(value), inferenceProvider);
    }

    public ExpectedAnswer inferenceProvider(String value) {
        return new ExpectedAnswer(text, finishReason, usage, servedModel, requestId, Optional.of(value));
    }
}
