package dev.detour.adapters.huggingface;

import dev.detour.core.model.ErrorKind;
import dev.detour.transport.HttpStatuses;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides the {@link ErrorKind} of a router failure from what its body said and its status (issue 4's
 * table, DESIGN.md §3). An error inside an HTTP 200 (a stream event) has no status of its own: it is
 * classified as the status its TGI {@code error_type} or numeric {@code code} stands for, so it maps
 * exactly like the same error on a plain response; TGI's {@code generation} error is the server failing.
 */
final class ErrorClassifier {

    private static final Pattern NOT_SERVED = Pattern.compile(
            "not supported by (?:any )?provider|is not a chat model|model_not_supported");
    private static final Pattern CREDITS_USED_UP = Pattern.compile(
            "(?:exceeded|depleted) your monthly included credits|reached the free monthly usage limit"
                    + "|exceeded your current quota|insufficient[ _]quota");
    private static final Pattern STRUCTURED_OUTPUT = Pattern.compile(
            "response[_ ]format|json[_ ]schema|structured output|guided[_ ]decoding|grammar");

    private ErrorClassifier() {}

    /**
     * The kind of a failure with HTTP status {@code status}, or, when null, an error reported inside a 200:
     * what the body names first (a code, a type, TGI's error type, the router's words), else the default
     * status table of {@link HttpStatuses}.
     *
     * @param structuredOutput whether the request asked for a JSON-schema answer
     */
    static ErrorKind classify(Integer status, ErrorBody body, boolean structuredOutput) {
        Integer effective = status != null ? status : impliedStatus(body).orElse(null);
        String code = lower(body.code());
        String type = lower(body.type());
        String errorType = lower(body.errorType());
        String message = body.message().toLowerCase(Locale.ROOT);
        boolean clientError = effective == null || effective >= 400 && effective < 500;

        if (anyIs("context_length_exceeded", code, type)) {
            return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
        }
        if (anyIs("insufficient_quota", code, type) || (effective == null || effective == 429) && CREDITS_USED_UP.matcher(message).find()) {
            return ErrorKind.QUOTA_EXCEEDED;
        }
        if (effective != null && HttpStatuses.kind(effective) == ErrorKind.AUTHENTICATION_FAILED) {
            return ErrorKind.AUTHENTICATION_FAILED;
        }
        if (anyIs("rate_limit_exceeded", code, type)
                || body.estimatedTime().isPresent() && (effective == null || effective == 503)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (errorType.equals("template_error") || anyIs("model_not_found", code, type)
                || clientError && NOT_SERVED.matcher(message).find()) {
            return ErrorKind.MODEL_UNAVAILABLE;
        }
        if (errorType.equals("generation")) {
            return ErrorKind.PROVIDER_UNAVAILABLE;
        }
        ErrorKind kind = effective != null ? HttpStatuses.kind(effective)
                : anyIs("invalid_request_error", type) ? ErrorKind.INVALID_REQUEST
                : ErrorKind.PROVIDER_UNAVAILABLE;
        return kind == ErrorKind.INVALID_REQUEST && structuredOutput && STRUCTURED_OUTPUT.matcher(message).find()
                ? ErrorKind.MODEL_UNAVAILABLE
                : kind;
    }

    /** Whether {@code body} rejects the structured-output part of a request that had one. */
    static boolean rejectsStructuredOutput(ErrorBody body) {
        return STRUCTURED_OUTPUT.matcher(body.message().toLowerCase(Locale.ROOT)).find();
    }

    /** The HTTP status TGI would have answered for an error it reported inside a stream. */
    static Optional<Integer> impliedStatus(ErrorBody body) {
        Optional<Integer> fromType = body.errorType().map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "overloaded" -> 429;
            case "validation", "template_error", "tool_error", "missing_template_variable" -> 422;
            case "generation" -> 424;
            case "incomplete_generation" -> 500;
            default -> null;
        });
        if (fromType.isPresent()) {
            return fromType;
        }
        return body.code().flatMap(code -> {
            try {
                int value = Integer.parseInt(code.strip());
                return value >= 100 && value <= 599 ? Optional.of(value) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean anyIs(String wanted, String... values) {
        for (String value : values) {
            if (value.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(Optional<String> value) {
        return value.map(text -> text.toLowerCase(Locale.ROOT)).orElse("");
    }
}
