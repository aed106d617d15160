package dev.detour.adapters.openalex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.wire.RetryWait;
import dev.detour.transport.HtmlPages;
import dev.detour.transport.HttpHead;
import dev.detour.transport.HttpStatuses;
import dev.detour.transport.TransportFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Classifies OpenAlex failures: error statuses by DESIGN §3's table (an invalid filter's 400 is InvalidRequest,
 * in OpenAlex's words), HTML pages as ProviderUnavailable, and an answer that is not the works JSON as
 * MalformedResponse. The key, which
 * OpenAlex carries in the query string, is redacted by the transport from all it hands here.
 */
final class FailureMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    FailureMapper(String source) {
        this.source = source;
    }

    SearchFailedException rejected(HttpHead head, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return SearchFailedException.builder(HttpStatuses.kind(head.status()), source)
                .httpStatus(head.status())
                .detail(HtmlPages.summary(head, text).or(() -> message(text)).orElse(text.strip()))
                .retryAfter(RetryWait.fromRetryAfterHeaders(head::header, Clock.systemUTC()).orElse(null))
                .shouldRetry(head.shouldRetry().orElse(null))
                .build();
    }

    RuntimeException failed(TransportFailure failure) {
        return failure.searchBuilder(source).build();
    }

    /** An HTML page where works JSON was expected, as ProviderUnavailable; empty for anything else. */
    Optional<SearchFailedException> htmlPage(HttpHead head, String text) {
        return HtmlPages.summary(head, text).map(page -> inBody(ErrorKind.PROVIDER_UNAVAILABLE, head,
                page + " where OpenAlex works JSON was expected"));
    }

    SearchFailedException inBody(ErrorKind kind, HttpHead head, String detail) {
        return SearchFailedException.builder(kind, source).httpStatus(head.status()).detail(detail).build();
    }

    SearchFailedException unreadable(HttpHead head, Exception cause) {
        return SearchFailedException.builder(ErrorKind.MALFORMED_RESPONSE, source).httpStatus(head.status())
                .detail("the works answer from " + head.host() + " is unreadable: " + cause.getMessage())
                .cause(cause).build();
    }

    /** OpenAlex's JSON error body: {@code {"error":"Invalid query parameters error.","message":"..."}}. */
    private static Optional<String> message(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(text);
            String error = body.path("error").isTextual() ? body.path("error").asText().strip() : "";
            String message = body.path("message").isTextual() ? body.path("message").asText().strip() : "";
            String both = error.isEmpty() || message.isEmpty() ? error + message : error + " " + message;
            return both.isBlank() ? Optional.empty() : Optional.of(both);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
