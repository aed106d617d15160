package dev.detour.adapters.europepmc;

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
 * Classifies Europe PMC failures: error statuses by DESIGN §3's table, HTML pages (a gateway's, or one where
 * JSON was expected) as ProviderUnavailable, and an answer that is not the search JSON as MalformedResponse.
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
                .detail(HtmlPages.summary(head, text).or(() -> message(text)).orElse(text))
                .retryAfter(RetryWait.fromRetryAfterHeaders(head::header, Clock.systemUTC()).orElse(null))
                .shouldRetry(head.shouldRetry().orElse(null))
                .build();
    }

    RuntimeException failed(TransportFailure failure) {
        return failure.searchBuilder(source).build();
    }

    /** An HTML page where search JSON was expected, as ProviderUnavailable; empty for anything else. */
    Optional<SearchFailedException> htmlPage(HttpHead head, String text) {
        return HtmlPages.summary(head, text).map(page -> inBody(ErrorKind.PROVIDER_UNAVAILABLE, head,
                page + " where Europe PMC search JSON was expected"));
    }

    SearchFailedException inBody(ErrorKind kind, HttpHead head, String detail) {
        return SearchFailedException.builder(kind, source).httpStatus(head.status()).detail(detail).build();
    }

    SearchFailedException unreadable(HttpHead head, Exception cause) {
        return SearchFailedException.builder(ErrorKind.MALFORMED_RESPONSE, source).httpStatus(head.status())
                .detail("the search answer from " + head.host() + " is unreadable: " + cause.getMessage())
                .cause(cause).build();
    }

    /** The words of a JSON error body ({@code errMsg}, {@code message} or {@code error}). */
    private static Optional<String> message(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(text);
            for (String field : new String[] {"errMsg", "message", "error"}) {
                if (body.path(field).isTextual() && !body.path(field).asText().isBlank()) {
                    return Optional.of(body.path(field).asText());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
