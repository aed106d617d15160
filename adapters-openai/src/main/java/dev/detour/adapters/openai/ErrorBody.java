package dev.detour.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.transport.HtmlPages;
import dev.detour.transport.HttpHead;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a provider said about a failure, from whichever body shape it used: OpenAI's
 * {@code {"error":{"message","type","param","code"}}}, {@code {"error":"text"}}, a top-level
 * {@code message} or {@code detail}, plain text or an HTML page. Every field may be null. Reading never
 * fails: a body that is not the expected JSON becomes the message as text, so the status always survives.
 *
 * @param message the provider's words
 * @param code the machine-readable code, such as {@code rate_limit_exceeded}
 * @param type the error type, such as {@code invalid_request_error}
 * @param param the request field the error is about
 * @param embeddedStatus an HTTP status the body itself carries (some servers put it in {@code code})
 */
record ErrorBody(String message, String code, String type, String param, Integer embeddedStatus) {

    static final ErrorBody NONE = new ErrorBody(null, null, null, null, null);

    static ErrorBody ofText(String message) {
        return new ErrorBody(message, null, null, null, null);
    }

    /** Reads an error body that came with {@code head}. */
    static ErrorBody parse(byte[] body, HttpHead head, ObjectMapper json) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return NONE;
        }
        if (text.startsWith("{")) {
            try {
                return of(json.readTree(text));
            } catch (JsonProcessingException e) {
                return ofText(text);
            }
        }
        return ofText(HtmlPages.summary(head, text).orElse(text));
    }

    /** Reads an error object: the whole body, or the data of an error event in a stream. */
    static ErrorBody of(JsonNode root) {
        if (root == null || !root.isObject()) {
            return ofText(root == null ? null : root.toString());
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            return fromObject(error);
        }
        if (error != null && error.isTextual()) {
            return new ErrorBody(error.asText(), text(root.get("code")), text(root.get("error_type")),
                    null, status(root.get("code")));
        }
        ErrorBody flat = fromObject(root);
        if (flat.message() == null) {
            JsonNode detail = root.get("detail");
            String message = detail == null ? root.toString() : detail.isTextual() ? detail.asText() : detail.toString();
            return new ErrorBody(message, flat.code(), flat.type(), flat.param(), flat.embeddedStatus());
        }
        return flat;
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

    private static ErrorBody fromObject(JsonNode error) {
        JsonNode code = error.get("code");
        return new ErrorBody(text(error.get("message")), code != null && code.isNumber() ? null : text(code),
                text(error.get("type")), text(error.get("param")), status(code));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String value = node.isValueNode() ? node.asText() : node.toString();
        return value.isBlank() ? null : value;
    }

    private static Integer status(JsonNode code) {
        if (code != null && code.isIntegralNumber() && code.asInt() >= 100 && code.asInt() <= 599) {
            return code.asInt();
        }
        return null;
    }
}
