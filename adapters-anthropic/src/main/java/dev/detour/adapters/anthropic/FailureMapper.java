package dev.detour.adapters.anthropic;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.wire.RetryWait;
import dev.detour.transport.HttpHead;
import dev.detour.transport.HttpStatuses;
import dev.detour.transport.TransportFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the {@link ModelCallException} for everything that can go wrong with one model's call: an error
 * response, an error inside a 200 body or stream, a transport failure, or an answer Detour cannot use. The
 * kind comes from Anthropic's error type, then its words (credits, prompt length), then the HTTP status.
 * Messages carry the provider's words and what to do, never the key (the transport redacts it from all it hands here).
 */
record FailureMapper(ModelRef model, AnthropicSettings settings, Clock clock) {

    private static final Pattern QUOTA = Pattern.compile("credit balance|billing|spend limit|usage limit");
    private static final Pattern CONTEXT = Pattern.compile("prompt is too long|context window|context length");
    private static final List<String> LIMITS = List.of("requests", "tokens", "input-tokens", "output-tokens");

    ModelCallException rejected(HttpHead head, ErrorBody error) {
        return fromProvider(head.status(), error, head, "");
    }

    ModelCallException inBand(HttpHead head, ErrorBody error, boolean inStream) {
        return fromProvider(null, error, head, inStream ? "error event inside the 200 stream: " : "error inside an HTTP 200 body: ");
    }

    /** A failure of the exchange itself; a body cut short carries no status, as it is not the provider's answer. */
    ModelCallException transport(TransportFailure failure) {
        boolean cutShort = failure.kind() == ErrorKind.TIMEOUT || failure.kind() == ErrorKind.PROVIDER_UNAVAILABLE;
        return failure.builder(model).httpStatus(cutShort ? null : failure.head().map(HttpHead::status).orElse(null))
                .requestId(failure.head().map(this::requestId).orElse(null)).build();
    }

    ModelCallException malformed(HttpHead head, String detail, Throwable cause) {
        return answered(ErrorKind.MALFORMED_RESPONSE, head, detail).cause(cause).build();
    }

    ModelCallException contentFiltered(HttpHead head, String detail) {
        return answered(ErrorKind.CONTENT_FILTERED, head, detail).build();
    }

    private ModelCallException.Builder answered(ErrorKind kind, HttpHead head, String detail) {
        return ModelCallException.builder(kind, model).httpStatus(head.status()).requestId(requestId(head)).detail(detail);
    }

    /** Anthropic's {@code request-id}, else a generic {@code x-request-id}; null when neither came. */
    String requestId(HttpHead head) {
        String id = head.header("request-id");
        return id != null && !id.isBlank() ? id : head.requestId().orElse(null);
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
        String words = error.message() == null ? (status == null ? "no error message" : "HTTP " + status + " with no error message")
                : error.message();
        Optional<Duration> wait = RetryWait.fromRetryAfterHeaders(head::header, clock);
        String id = requestId(head);
        return ModelCallException.builder(kind, model).httpStatus(status).providerCode(error.type())
                .requestId(id != null ? id : error.requestId())
                .shouldRetry(head.shouldRetry().orElse(null))
                .detail(prefix + words + note(kind, status))
                .retryAfter((kind == ErrorKind.RATE_LIMITED ? wait.or(() -> untilReset(head)) : wait).orElse(null))
                .build();
    }

    /** The wait until the latest {@code anthropic-ratelimit-*-reset} of a limit with nothing left (or no count). */
    private Optional<Duration> untilReset(HttpHead head) {
        return LIMITS.stream().map(limit -> "anthropic-ratelimit-" + limit)
                .filter(limit -> head.header(limit + "-remaining") == null || head.header(limit + "-remaining").strip().equals("0"))
                .map(limit -> head.header(limit + "-reset")).filter(Objects::nonNull)
                .flatMap(this::until).max(Duration::compareTo);
    }

    private Stream<Duration> until(String timestamp) {
        try {
            Duration wait = Duration.between(clock.instant(), OffsetDateTime.parse(timestamp.strip()).toInstant());
            return Stream.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Stream.empty();
        }
    }

    private String note(ErrorKind kind, Integer status) {
        String keySource = settings.apiKeyVariable().map(name -> "the environment variable " + name)
                .orElse("the token-env variable of provider " + settings.providerName());
        if (kind == ErrorKind.AUTHENTICATION_FAILED) {
            return settings.apiKey().isPresent() ? "; the key from " + keySource + " was refused: check that it is valid for "
                    + settings.baseUrl().getHost() + " and allowed to use " + model.model() : "; no API key was sent: set " + keySource;
        }
        return kind == ErrorKind.MODEL_UNAVAILABLE && Integer.valueOf(404).equals(status) ? "; check the model id \""
                + model.model() + "\" and that the base URL " + settings.baseUrl() + " is the API root (v1/messages is appended)" : "";
    }
}
