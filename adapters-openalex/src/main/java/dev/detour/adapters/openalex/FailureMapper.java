package dev.detour.adapters.openalex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.secret.Redaction;
import dev.detour.core.secret.Secret;
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
 * MalformedResponse. Every detail has the key removed, since OpenAlex carries it in the query string.
 */
final class FailureMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Secret key;

    FailureMapper(String source, Secret key) {
        this.source = source;
        this.key = key;
    }

    SearchFailedException rejected(HttpHead head, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return SearchFailedException.builder(HttpStatuses.kind(head.status()), source)
                .httpStatus(head.status())
                .detail(scrub(HtmlPages.summary(head, text).or(() -> message(text)).orElse(text.strip())))
                .retryAfter(RetryWait.fromRetryAfterHeaders(head::header, Clock.systemUTC()).orElse(null))
                .shouldRetry(head.shouldRetry().orElse(null))
                .build();
    }

    RuntimeException failed(TransportFailure failure) {
        return failure.searchBuilder(source).detail(scrub(failure.detail())).build();
    }

    /** An HTML page where works JSON was expected, as ProviderUnavailable; empty for anything else. */
    Optional<SearchFailedException> htmlPage(HttpHead head, String text) {
        return HtmlPages.summary(head, text).map(page -> inBody(ErrorKind.PROVIDER_UNAVAILABLE, head,
                page + " where OpenAlex works JSON was expected"));
    }

    SearchFailedException inBody(ErrorKind kind, HttpHead head, String detail) {
        return SearchFailedException.builder(kind, source).httpStatus(head.status()).detail(scrub(detail)).build();
    }

    SearchFailedException unreadable(HttpHead head, Exception cause) {
        return SearchFailedException.builder(ErrorKind.MALFORMED_RESPONSE, source).httpStatus(head.status())
                .detail(scrub("the works answer from " + head.host() + " is unreadable: " + cause.getMessage()))
                .cause(cause).build();
    }

    String scrub(String text) {
        return text == null ? "" : text.replace(key.reveal(), Redaction.MASK);
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
