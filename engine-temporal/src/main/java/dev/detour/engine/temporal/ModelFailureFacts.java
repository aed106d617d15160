package dev.detour.engine.temporal;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A {@link ModelCallException} as plain values, built again on the other side into the same exception. */
public record ModelFailureFacts(ErrorKind kind, ModelRef model, Optional<String> inferenceProvider, OptionalInt httpStatus,
        Optional<String> providerCode, Optional<String> requestId, Optional<Boolean> shouldRetry, String detail,
        Optional<Duration> retryAfter, TokenUsage usage) {

    static ModelFailureFacts of(ModelCallException failure) {
        return new ModelFailureFacts(failure.kind(), failure.model(), failure.inferenceProvider(), failure.httpStatus(),
                failure.providerCode(), failure.requestId(), failure.shouldRetryOverride(), failure.detail(),
                failure.retryAfter(), failure.usage());
    }

    ModelCallException exception() {
        return ModelCallException.builder(kind, model)
                .inferenceProvider(inferenceProvider.orElse(null))
                .httpStatus(httpStatus.isPresent() ? httpStatus.getAsInt() : null)
                .providerCode(providerCode.orElse(null))
                .requestId(requestId.orElse(null))
                .shouldRetry(shouldRetry.orElse(null))
                .detail(detail)
                .retryAfter(retryAfter.orElse(null))
                .usage(usage)
                .build();
    }
}
