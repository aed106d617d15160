package dev.detour.adapters.huggingface;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.wire.RetryWait;
import dev.detour.transport.HttpHead;
import dev.detour.transport.TransportFailure;
import java.time.Clock;
import java.util.Optional;

/**
 * Builds the {@link ModelCallException} of every way a call to one model can fail: error responses,
 * errors inside a 200, transport failures and unusable answers. Each carries the served provider, the
 * request id and the provider's words; none carries the token.
 */
final class FailureMapper {

    private final ModelRef model;
    private final HfModelId modelId;
    private final boolean tokenPresent;
    private final String tokenVariable;
    private final Clock clock;

    FailureMapper(ModelRef model, HfModelId modelId, HuggingFaceSettings settings, Clock clock) {
        this.model = model;
        this.modelId = modelId;
        this.tokenPresent = settings.token().isPresent();
        this.tokenVariable = settings.tokenVariable();
        this.clock = clock;
    }

    /** The model whose failures this maps. */
    ModelRef model() {
        return model;
    }

    /** Who served a response, its request id and retry instruction; with no response, the pinned provider. */
    ResponseMeta metaOf(HttpHead head) {
        return ResponseMeta.of(head, modelId);
    }

    /** An error status, with its body. */
    ModelCallException rejected(HttpHead head, ErrorBody body, boolean structuredOutput) {
        ErrorKind kind = ErrorClassifier.classify(head.status(), body, structuredOutput);
        ModelCallException.Builder failure = start(kind, head)
                .httpStatus(head.status())
                .providerCode(body.providerCode().or(() -> Optional.ofNullable(head.header("X-Error-Code"))).orElse(null))
                .detail(detail(kind, head.status(), body, head, structuredOutput));
        failure.retryAfter((kind == ErrorKind.RATE_LIMITED
                ? body.estimatedTime().or(() -> RetryWait.fromHeaders(head::header, clock))
                : RetryWait.fromRetryAfterHeaders(head::header, clock)).orElse(null));
        return failure.build();
    }

    /** An error the provider reported inside an HTTP 200 (a stream event or a body). */
    ModelCallException inBand(HttpHead head, ErrorBody body, boolean structuredOutput) {
        ErrorKind kind = ErrorClassifier.classify(null, body, structuredOutput);
        ModelCallException.Builder failure = start(kind, head)
                .providerCode(body.providerCode().orElse(null))
                .detail(detail(kind, null, body, head, structuredOutput));
        if (kind == ErrorKind.RATE_LIMITED) {
            failure.retryAfter(body.estimatedTime().orElse(null));
        }
        return failure.build();
    }

    /** A failure of the exchange itself, as the transport classified it. */
    ModelCallException transport(TransportFailure failure) {
        return withMeta(failure.builder(model), failure.head().orElse(null)).build();
    }

    /** A successful status with an answer that cannot be used. */
    ModelCallException malformed(HttpHead head, String detail, Throwable cause) {
        return start(ErrorKind.MALFORMED_RESPONSE, head)
                .httpStatus(head == null ? null : head.status())
                .detail(detail)
                .cause(cause)
                .build();
    }

    /** The provider withheld or cut the answer for its content. */
    ModelCallException contentFiltered(HttpHead head, String finishReason) {
        return start(ErrorKind.CONTENT_FILTERED, head)
                .providerCode(finishReason)
                .detail("the provider stopped the answer for its content (finish_reason \"" + finishReason + "\")")
                .build();
    }

    /** The request could not even be written. */
    ModelCallException invalidRequest(String detail, Throwable cause) {
        return start(ErrorKind.INVALID_REQUEST, null).detail(detail).cause(cause).build();
    }

    private ModelCallException.Builder start(ErrorKind kind, HttpHead head) {
        return withMeta(ModelCallException.builder(kind, model), head);
    }

    private ModelCallException.Builder withMeta(ModelCallException.Builder builder, HttpHead head) {
        ResponseMeta meta = metaOf(head);
        return builder
                .inferenceProvider(meta.inferenceProvider().orElse(null))
                .requestId(meta.requestId().orElse(null))
                .shouldRetry(meta.shouldRetry().orElse(null));
    }

    private String detail(ErrorKind kind, Integer status, ErrorBody body, HttpHead head, boolean structuredOutput) {
        String words = body.message().isBlank() ? "no error message" : body.message();
        if (kind == ErrorKind.AUTHENTICATION_FAILED && !tokenPresent) {
            return "a token is required and none was sent: set " + tokenVariable + " (or the variable your"
                    + " configuration's token-env names) to a Hugging Face access token allowed to call Inference"
                    + " Providers (the router said: " + words + ")";
        }
        if (kind == ErrorKind.AUTHENTICATION_FAILED && status != null && status == 403) {
            return words + " (check that the token in " + tokenVariable + " may make calls to Inference Providers"
                    + " and that no spending limit blocks it)";
        }
        if (kind == ErrorKind.AUTHENTICATION_FAILED) {
            return words + " (check the token in " + tokenVariable + ", and that the inference provider accepts it"
                    + " for this model)";
        }
        if (kind == ErrorKind.MODEL_UNAVAILABLE && structuredOutput && ErrorClassifier.rejectsStructuredOutput(body)) {
            return words + " (structured output was refused; a model of the chain that supports JSON schema may answer)";
        }
        if (kind == ErrorKind.MODEL_UNAVAILABLE && body.errorType().filter("template_error"::equals).isPresent()) {
            return words + " (the model has no usable chat template, so it cannot chat)";
        }
        return words;
    }
}
