package dev.detour.adapters.pubmed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.model.ErrorKind;
import dev.detour.transport.HtmlPages;
import dev.detour.transport.HttpHead;
import dev.detour.transport.HttpStatuses;
import dev.detour.transport.TransportFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Classifies E-utilities failures: error statuses by DESIGN §3's table (a 429 is RateLimited, with or without
 * {@code Retry-After}), HTML pages as ProviderUnavailable, and the errors NCBI reports inside an HTTP 200. The key,
 * which E-utilities carry in the query string, is redacted by the transport from all it hands here.
 */
final class FailureMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    FailureMapper(String source) {
        this.source = source;
    }

    SearchFailedException rejected(HttpHead head, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String detail = HtmlPages.summary(head, text).or(() -> errorField(text)).orElse(text);
        return SearchFailedException.builder(HttpStatuses.kind(head.status()), source)
                .httpStatus(head.status())
                .detail(detail)
                .retryAfter(dev.detour.core.wire.RetryWait.fromRetryAfterHeaders(head::header, Clock.systemUTC()).orElse(null))
                .shouldRetry(head.shouldRetry().orElse(null))
                .build();
    }

    RuntimeException failed(TransportFailure failure) {
        return failure.searchBuilder(source).build();
    }

    /** An error NCBI reported inside a successful response. */
    SearchFailedException inBody(ErrorKind kind, HttpHead head, String detail) {
        return SearchFailedException.builder(kind, source).httpStatus(head.status()).detail(detail).build();
    }

    /**
     * The failure a 200 body stands for before it is read as data: an HTML page (ProviderUnavailable) or NCBI's
     * rate-limit body, which some gateways send with a 200 (RateLimited); empty for anything else.
     */
    Optional<SearchFailedException> notData(HttpHead head, String text) {
        Optional<String> page = HtmlPages.summary(head, text);
        if (page.isPresent()) {
            return Optional.of(inBody(ErrorKind.PROVIDER_UNAVAILABLE, head, page.get() + " where E-utilities data was expected"));
        }
        return errorField(text).map(error -> inBody(error.toLowerCase(java.util.Locale.ROOT).contains("rate limit")
                ? ErrorKind.RATE_LIMITED : ErrorKind.PROVIDER_UNAVAILABLE, head, error));
    }

    SearchFailedException unreadable(HttpHead head, String what, Exception cause) {
        return SearchFailedException.builder(ErrorKind.MALFORMED_RESPONSE, source).httpStatus(head.status())
                .detail(what + " from " + head.host() + " is unreadable: " + cause.getMessage()).cause(cause).build();
    }

    /** NCBI's JSON error body, {@code {"error":"API rate limit exceeded",...}}. */
    private static Optional<String> errorField(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode error = JSON.readTree(text).path("error");
            return error.isTextual() && !error.asText().isBlank() ? Optional.of(error.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
