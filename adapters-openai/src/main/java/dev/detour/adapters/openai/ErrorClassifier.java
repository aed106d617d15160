package dev.detour.adapters.openai;

import dev.detour.core.model.ErrorKind;
import dev.detour.transport.HttpStatuses;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides the {@link ErrorKind} of a provider's error by its code, then its type, then the HTTP status
 * (the default table of {@link HttpStatuses}), then its words where the status alone says no more than
 * InvalidRequest (DESIGN §3), so a compatible server that sends only some of them is still classified. A 429
 * whose words say the quota is used up is QuotaExceeded, not a rate limit, and an error inside a 200 (a body or a
 * stream event) is classified as the status it stands for (its numeric code, or a TGI {@code error_type}), so it
 * maps exactly like the same body on a plain response.
 */
final class ErrorClassifier {

    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "context[ _-]?length|context window|context size|maximum context|prompt is too long");
    private static final Pattern RATE_LIMIT = Pattern.compile("rate[ _-]?limit|too many requests");
    private static final Pattern QUOTA = Pattern.compile("insufficient[ _]quota|exceeded your current quota");

    private ErrorClassifier() {}

    /**
     * The kind of an error.
     *
     * @param status the HTTP status, or null for an error event inside a 200 stream or body
     */
    static ErrorKind classify(Integer status, ErrorBody error) {
        Integer effective = status == null || status == 200
                ? error.embeddedStatus() != null ? error.embeddedStatus() : impliedStatus(error.type())
                : status;
        return byCode(error.code())
                .or(() -> byType(error.type()))
                .orElseGet(() -> byStatusThenText(effective, error.message()));
    }

    /** The HTTP status a TGI server answers for its {@code error_type}, so the same error inside a 200 maps alike. */
    private static Integer impliedStatus(String type) {
        return type == null ? null : switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "overloaded" -> 429;
            case "validation", "template_error", "tool_error", "missing_template_variable" -> 422;
            case "generation" -> 424;
            case "incomplete_generation" -> 500;
            default -> null;
        };
    }

    private static Optional<ErrorKind> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (code.strip().toLowerCase(Locale.ROOT)) {
            case "rate_limit_exceeded" -> ErrorKind.RATE_LIMITED;
            case "insufficient_quota", "billing_hard_limit_reached", "billing_not_active" -> ErrorKind.QUOTA_EXCEEDED;
            case "context_length_exceeded" -> ErrorKind.CONTEXT_LENGTH_EXCEEDED;
            case "invalid_api_key", "invalid_authentication", "account_deactivated" -> ErrorKind.AUTHENTICATION_FAILED;
            case "model_not_found" -> ErrorKind.MODEL_UNAVAILABLE;
            case "content_filter", "content_policy_violation" -> ErrorKind.CONTENT_FILTERED;
            case "server_error", "server_is_overloaded", "engine_overloaded" -> ErrorKind.PROVIDER_UNAVAILABLE;
            default -> null;
        });
    }

    private static Optional<ErrorKind> byType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (type.strip().toLowerCase(Locale.ROOT).replace("_", "")) {
            case "insufficientquota" -> ErrorKind.QUOTA_EXCEEDED;
            case "tokens", "requests", "ratelimiterror", "ratelimitexceeded" -> ErrorKind.RATE_LIMITED;
            case "authenticationerror", "permissionerror", "permissiondeniederror" -> ErrorKind.AUTHENTICATION_FAILED;
            case "notfounderror" -> ErrorKind.MODEL_UNAVAILABLE;
            case "servererror", "apierror", "internalservererror", "serviceunavailableerror", "overloadederror",
                    "generation", "incompletegeneration" -> ErrorKind.PROVIDER_UNAVAILABLE;
            case "templateerror" -> ErrorKind.MODEL_UNAVAILABLE;
            case "overloaded" -> ErrorKind.RATE_LIMITED;
            default -> null;
        });
    }

    private static ErrorKind byStatusThenText(Integer status, String message) {
        ErrorKind byStatus = status == null || status < 300 ? null : HttpStatuses.kind(status);
        if (byStatus == ErrorKind.RATE_LIMITED && byText(message).filter(ErrorKind.QUOTA_EXCEEDED::equals).isPresent()) {
            return ErrorKind.QUOTA_EXCEEDED;
        }
        if (byStatus != null && byStatus != ErrorKind.INVALID_REQUEST) {
            return byStatus;
        }
        return byText(message).orElse(byStatus != null ? byStatus : ErrorKind.PROVIDER_UNAVAILABLE);
    }

    private static Optional<ErrorKind> byText(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String text = message.toLowerCase(Locale.ROOT);
        if (CONTEXT_LENGTH.matcher(text).find()) {
            return Optional.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
        }
        if (QUOTA.matcher(text).find()) {
            return Optional.of(ErrorKind.QUOTA_EXCEEDED);
        }
        if (RATE_LIMIT.matcher(text).find()) {
            return Optional.of(ErrorKind.RATE_LIMITED);
        }
        return Optional.empty();
    }
}
