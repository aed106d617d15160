package dev.detour.adapters.openai;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.wire.RetryWait;
import dev.detour.transport.HttpHead;
import dev.detour.transport.RefusalAdvice;
import dev.detour.transport.TransportFailure;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link ModelCallException} for everything that can go wrong with one model's call: a
 * provider's error response, an error inside a 200 body or stream, a transport failure, or an answer
 * Detour cannot use. Messages carry the provider's words and what to do, never the key.
 */
final class FailureMapper {

    private static final int MAX_PROVIDER_WORDS = 360;
    private static final Pattern REQUEST_ID_IN_TEXT = Pattern.compile("(?i)request ID ([A-Za-z0-9_-]{8,})");

    private final ModelRef model;
    private final RefusalAdvice advice;
    private final Clock clock;

    FailureMapper(ModelRef model, OpenAiSettings settings, Clock clock) {
        this.model = model;
        this.advice = new RefusalAdvice(settings.providerName(), settings.baseUrl(), "chat/completions",
                settings.apiKey().isPresent(), settings.apiKeyVariable());
        this.clock = clock;
    }

    /** An error status, with what its body said. */
    ModelCallException rejected(HttpHead head, ErrorBody error) {
        return fromProvider(head.status(), error, head, "");
    }

    /** An error object where an answer was expected: the whole 200 body, or an event of the stream. */
    ModelCallException inBand(HttpHead head, ErrorBody error, boolean inStream) {
        return fromProvider(null, error, head, inStream
                ? "error event inside the 200 stream: " : "error object inside an HTTP 200 body: ");
    }

    /**
     * A failure of the exchange itself, as the transport classified it. A timeout or a dropped connection
     * while the body was read carries no status: a 200 that never finished is not the provider's answer.
     */
    ModelCallException transport(TransportFailure failure) {
        return failure.modelCallFailure(model, HttpHead::requestId);
    }

    /** A 200 answer that cannot be used. */
    ModelCallException malformed(HttpHead head, String detail, Throwable cause) {
        return ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, model)
                .httpStatus(head.status())
                .requestId(head.requestId().orElse(null))
                .detail(detail)
                .cause(cause)
                .build();
    }

    /** A 200 answer the provider withheld or the model refused. */
    ModelCallException contentFiltered(HttpHead head, String detail) {
        return ModelCallException.builder(ErrorKind.CONTENT_FILTERED, model)
                .httpStatus(head.status())
                .requestId(head.requestId().orElse(null))
                .detail(detail)
                .build();
    }

    /** The request could not even be written. */
    ModelCallException invalidRequest(String detail, Throwable cause) {
        return ModelCallException.builder(ErrorKind.INVALID_REQUEST, model).detail(detail).cause(cause).build();
    }

    private ModelCallException fromProvider(Integer status, ErrorBody error, HttpHead head, String prefix) {
        ErrorKind kind = ErrorClassifier.classify(status, error);
        Integer reported = status == null ? error.embeddedStatus() : status;
        return ModelCallException.builder(kind, model)
                .httpStatus(reported)
                .providerCode(error.code())
                .requestId(head.requestId().orElseGet(() -> requestIdIn(error.message())))
                .shouldRetry(head.shouldRetry().orElse(null))
                .detail(prefix + advice.detail(trim(error.message()), kind, reported, model.model()))
                .retryAfter((kind == ErrorKind.RATE_LIMITED
                        ? RetryWait.fromHeaders(head::header, clock)
                        : RetryWait.fromRetryAfterHeaders(head::header, clock)).orElse(null))
                .build();
    }

    private static String requestIdIn(String message) {
        if (message != null) {
            Matcher inText = REQUEST_ID_IN_TEXT.matcher(message);
            if (inText.find()) {
                return inText.group(1);
            }
        }
        return null;
    }

    private static String trim(String words) {
        if (words == null) {
            return null;
        }
        String oneLine = words.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_PROVIDER_WORDS ? oneLine : oneLine.substring(0, MAX_PROVIDER_WORDS - 1) + "…";
    }
}
