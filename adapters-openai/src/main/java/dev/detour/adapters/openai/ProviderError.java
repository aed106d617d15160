package dev.detour.adapters.openai;

import java.util.Locale;

/**
 * What a provider said about a failure, from whichever body shape it used: OpenAI's
 * {@code {"error":{"message","type","param","code"}}}, {@code {"error":"text"}}, a top-level
 * {@code message} or {@code detail}, plain text or an HTML page. Every field may be null.
 *
 * @param message the provider's words
 * @param code the machine-readable code, such as {@code rate_limit_exceeded}
 * @param type the error type, such as {@code invalid_request_error}
 * @param param the request field the error is about
 * @param embeddedStatus an HTTP status the body itself carries (some servers put it in {@code code})
 */
record ProviderError(String message, String code, String type, String param, Integer embeddedStatus) {

    static final ProviderError NONE = new ProviderError(null, null, null, null, null);

    static ProviderError ofMessage(String message) {
        return new ProviderError(message, null, null, null, null);
    }

    /** Whether the provider rejected request field {@code field} as unsupported. */
    boolean rejectsParameter(String field) {
        if (!"unsupported_parameter".equals(lower(code))) {
            return false;
        }
        if (param != null) {
            return param.equals(field);
        }
        return message != null && message.contains("'" + field + "'");
    }

    static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
