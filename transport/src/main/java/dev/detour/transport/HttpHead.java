package dev.detour.transport;

import dev.detour.core.internal.Require;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * The status line and headers of a response, and where it came from: what an adapter reads besides the
 * body (the provider's request id and retry instruction among them).
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param url the URL the request went to
 */
public record HttpHead(int status, Headers headers, HttpUrl url) {

    public HttpHead {
        Require.nonNull(headers, "headers");
        Require.nonNull(url, "url");
    }

    static HttpHead of(Response response) {
        return new HttpHead(response.code(), NoSilentRetry.restored(response.code(), response.headers()),
                response.request().url());
    }

    /** A header's value, or null when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The host the response came from. */
    public String host() {
        return url.host();
    }

    /** The {@code Content-Type} in lower case; empty when absent. */
    public String contentType() {
        String value = headers.get("Content-Type");
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    /** Whether the body is a stream of Server-Sent Events. */
    public boolean isEventStream() {
        return contentType().contains("text/event-stream");
    }

    /** The provider's id for the request ({@code x-request-id}), when it sent one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(headers.get("x-request-id")).filter(value -> !value.isBlank());
    }

    /**
     * The provider's id for the request from its own header {@code header} (such as Anthropic's {@code request-id}),
     * else from {@code x-request-id}; empty when neither came.
     */
    public Optional<String> requestId(String header) {
        return Optional.ofNullable(headers.get(Require.nonBlank(header, "header"))).filter(value -> !value.isBlank())
                .or(this::requestId);
    }

    /** The provider's retry instruction ({@code x-should-retry: true|false}), which overrides the kind's rule. */
    public Optional<Boolean> shouldRetry() {
        String value = headers.get("x-should-retry");
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(Boolean.TRUE);
            case "false" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        };
    }

    boolean isRedirect() {
        return status >= 300 && status < 400;
    }
}
