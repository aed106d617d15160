package dev.detour.adapters.anthropic;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.wire.RetryWait;
import dev.detour.transport.HttpHead;
import dev.detour.transport.HttpStatuses;
import dev.detour.transport.RefusalAdvice;
import dev.detour.transport.TransportFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the {@link ModelCallException} for everything that can go wrong with one model's call: an error
 * response, an error inside a 200 body or stream, a transport failure, or an answer Detour cannot use. The
 * kind comes from Anthropic's error type, then its words (credits, prompt length), then the HTTP status.
 * Messages carry the provider's words and what to do, never the key (the transport redacts it from all it hands here).
 */
record FailureMapper(ModelRef model, RefusalAdvice advice, Clock clock) {

    private static final Pattern QUOTA = Pattern.compile("credit balance|billing|spend limit|usage limit");
    private static final Pattern CONTEXT = Pattern.compile("prompt is too long|context window|context length");
    private static final List<String> LIMITS = List.of("requests", "tokens", "input-tokens", "output-tokens");

    ModelCallException rejected(HttpHead head, ErrorBody error) {
        return fromProvider(head.status(), error, head, "");
    }

    ModelCallException inBand(HttpHead head, ErrorBody error, boolean inStream) {
        return fromProvider(null, error, head, inStream ? "error event inside the 200 stream: " : "error inside an HTTP 200 body: ");
    }

    ModelCallException transport(TransportFailure failure) {
        return failure.modelCallFailure(model, this::requestId);
    }

    ModelCallException malformed(HttpHead head, String detail, Throwable cause) {
        return answered(ErrorKind.MALFORMED_RESPONSE, head, detail).cause(cause).build();
    }

    ModelCallException contentFiltered(HttpHead head, String detail) {
        return answered(ErrorKind.CONTENT_FILTERED, head, detail).build();
    }

    private ModelCallException.Builder answered(ErrorKind kind, HttpHead head, String detail) {
        return ModelCallException.builder(kind, model).httpStatus(head.status()).requestId(requestId(head).orElse(null))
                .detail(detail);
    }

    /** Anthropic's {@code request-id}, else a generic {@code x-request-id}. */
    Optional<String> requestId(HttpHead head) {
        return head.requestId("request-id");
    }

    static ErrorKind classify(Integer status, ErrorBody error) {
        String type = error.type() == null ? "" : error.type();
        String words = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "overloaded_error", "api_error" -> ErrorKind.PROVIDER_UNAVAILABLE;
            case "authentication_error", "permission_error" -> ErrorKind.AUTHENTICATION_FAILED;
            case "not_found_error" -> ErrorKind.MODEL_UNAVAILABLE;
            case "request_too_large" -> ErrorKind.CONTEXT_LENGTH_EXCEEDED;
            case "billing_error" -> ErrorKind.QUOTA_EXCEEDED;
            default -> QUOTA.matcher(words).find() ? ErrorKind.QUOTA_EXCEEDED
                    : CONTEXT.matcher(words).find() ? ErrorKind.CONTEXT_LENGTH_EXCEEDED
                    : type.equals("rate_limit_error") ? ErrorKind.RATE_LIMITED
                    : status != null ? HttpStatuses.kind(status)
                    : type.equals("invalid_request_error") ? ErrorKind.INVALID_REQUEST : ErrorKind.PROVIDER_UNAVAILABLE;
        };
    }

    private ModelCallException fromProvider(Integer status, ErrorBody error, HttpHead head, String prefix) {
        ErrorKind kind = classify(status, error);
        Optional<Duration> wait = RetryWait.fromRetryAfterHeaders(head::header, clock);
        return ModelCallException.builder(kind, model).httpStatus(status).providerCode(error.type())
                .requestId(requestId(head).orElse(error.requestId()))
                .shouldRetry(head.shouldRetry().orElse(null))
                .detail(prefix + advice.detail(error.message(), kind, status, model.model()))
                .retryAfter((kind == ErrorKind.RATE_LIMITED
                        ? wait.or(() -> RetryWait.untilLimitsReset(head::header, "anthropic-ratelimit-", LIMITS, clock))
                        : wait).orElse(null))
                .build();
    }
}
