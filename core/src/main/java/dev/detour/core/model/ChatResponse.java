package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * A model's answer, with who served it and what it cost.
 *
 * <p>Adapters fill in the answer and the provider's metadata; the resilience chain adds the
 * {@link #attempts() attempts} it made (so a caller can say "fell back from X to Y") and, for a
 * structured request, the decoded {@link #structured() value}.
 *
 * @param text the answer's text, never empty
 * @param finishReason why generation stopped
 * @param usage tokens consumed; through the resilience chain, those its failed attempts reported too
 * @param model the model that answered
 * @param servedModel the model id the provider reported, when it reported one
 * @param inferenceProvider who actually ran the model (such as {@code novita}), when known
 * @param requestId the provider's id for this request, for support tickets
 * @param attempts every attempt of the call in order, this answer's last; empty when no chain was involved
 * @param structured the answer decoded into the requested record type, for a structured request
 */
public record ChatResponse(
        String text,
        FinishReason finishReason,
        TokenUsage usage,
        ModelRef model,
        Optional<String> servedModel,
        Optional<String> inferenceProvider,
        Optional<String> requestId,
        List<Attempt> attempts,
        Optional<Record> structured) {

    public ChatResponse {
        Require.nonNull(text, "text");
        Require.nonNull(finishReason, "finishReason");
        Require.nonNull(usage, "usage");
        Require.nonNull(model, "model");
        Require.nonNull(servedModel, "servedModel");
        Require.nonNull(inferenceProvider, "inferenceProvider");
        Require.nonNull(requestId, "requestId");
        attempts = List.copyOf(Require.nonNull(attempts, "attempts"));
        Require.nonNull(structured, "structured");
    }

    /** An answer with no provider metadata, attempts or structured value yet. */
    public static ChatResponse of(ModelRef model, String text, FinishReason finishReason, TokenUsage usage) {
        return new ChatResponse(text, finishReason, usage, model,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    public ChatResponse withServedModel(String value) {
        return new ChatResponse(text, finishReason, usage, model, Optional.ofNullable(value),
                inferenceProvider, requestId, attempts, structured);
    }

    public ChatResponse withInferenceProvider(String value) {
        return new ChatResponse(text, finishReason, usage, model, servedModel,
                Optional.ofNullable(value), requestId, attempts, structured);
    }

    public ChatResponse withRequestId(String value) {
        return new ChatResponse(text, finishReason, usage, model, servedModel,
                inferenceProvider, Optional.ofNullable(value), attempts, structured);
    }

    public ChatResponse withUsage(TokenUsage value) {
        return new ChatResponse(text, finishReason, Require.nonNull(value, "usage"), model, servedModel,
                inferenceProvider, requestId, attempts, structured);
    }

    public ChatResponse withAttempts(List<Attempt> value) {
        return new ChatResponse(text, finishReason, usage, model, servedModel,
                inferenceProvider, requestId, value, structured);
    }

    public ChatResponse withStructured(Record value) {
        return new ChatResponse(text, finishReason, usage, model, servedModel,
                inferenceProvider, requestId, attempts, Optional.of(Require.nonNull(value, "structured")));
    }

    /**
     * The decoded structured answer as {@code type}.
     *
     * @throws MalformedResponseException if the call asked for no structured output of that type, or
     *     nothing decoded it (a port that is not behind the resilience chain)
     */
    public <T extends Record> T structured(Class<T> type) {
        Require.nonNull(type, "type");
        return structured.filter(type::isInstance).map(type::cast).orElseThrow(() -> ModelCallException
                .builder(ErrorKind.MALFORMED_RESPONSE, model)
                .inferenceProvider(inferenceProvider.orElse(null))
                .detail("the answer holds no decoded " + type.getSimpleName()
                        + "; ask with ResponseFormat.of(" + type.getSimpleName() + ".class) through the resilience chain")
                .build());
    }

    /** The attempts before the one that answered: failures, retries and skips. */
    public List<Attempt> precedingAttempts() {
        return attempts.isEmpty() ? List.of() : attempts.subList(0, attempts.size() - 1);
    }

    /** Whether a model before this one was tried or skipped. */
    public boolean fellBack() {
        return attempts.stream().anyMatch(attempt -> !attempt.model().equals(model));
    }

    @Override
    public String toString() {
        return "ChatResponse[model=" + model + ", inferenceProvider=" + inferenceProvider.orElse("unknown")
                + ", finishReason=" + finishReason + ", usage=" + usage + ", text=" + text.length() + " chars"
                + ", attempts=" + attempts.size() + "]";
    }
}
