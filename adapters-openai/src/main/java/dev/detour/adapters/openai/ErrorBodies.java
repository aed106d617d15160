package dev.detour.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads whatever a server sent as an error body into a {@link ProviderError}. It never fails: a body
 * that is not the expected JSON becomes the error's message as text, so the status always survives.
 */
final class ErrorBodies {

    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HTML_TAG = Pattern.compile("(?s)<[^>]*>");

    private final ObjectMapper json;

    ErrorBodies(ObjectMapper json) {
        this.json = json;
    }

    ProviderError parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return ProviderError.NONE;
        }
        if (text.startsWith("{")) {
            try {
                return parse(json.readTree(text));
            } catch (JsonProcessingException e) {
                return ProviderError.ofMessage(text);
            }
        }
        if (text.startsWith("<")) {
            return ProviderError.ofMessage(htmlText(text));
        }
        return ProviderError.ofMessage(text);
    }

    /** Reads an error object: the whole body, or the data of an error event in a stream. */
    ProviderError parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            return ProviderError.ofMessage(root == null ? null : root.toString());
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            return fromObject(error);
        }
        if (error != null && error.isTextual()) {
            return new ProviderError(error.asText(), text(root.get("code")), text(root.get("error_type")),
                    null, status(root.get("code")));
        }
        ProviderError flat = fromObject(root);
        if (flat.message() == null) {
            JsonNode detail = root.get("detail");
            String message = detail == null ? root.toString() : detail.isTextual() ? detail.asText() : detail.toString();
            return new ProviderError(message, flat.code(), flat.type(), flat.param(), flat.embeddedStatus());
        }
        return flat;
    }

    private static ProviderError fromObject(JsonNode error) {
        JsonNode code = error.get("code");
        return new ProviderError(text(error.get("message")), code != null && code.isNumber() ? null : text(code),
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

    private static String htmlText(String html) {
        Matcher title = HTML_TITLE.matcher(html);
        if (title.find() && !title.group(1).isBlank()) {
            return "HTML page: " + title.group(1).strip();
        }
        return "HTML page: " + HTML_TAG.matcher(html).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }
}
