package dev.detour.adapters.clinicaltrials;

import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.wire.RetryWait;
import dev.detour.transport.HtmlPages;
import dev.detour.transport.HttpHead;
import dev.detour.transport.HttpStatuses;
import dev.detour.transport.TransportFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Classifies ClinicalTrials.gov failures: error statuses by DESIGN §3's table (so the plain-text 400 it sends
 * for an unknown parameter is InvalidRequest, with its words as the detail), HTML pages as ProviderUnavailable,
 * and an answer that is not the studies JSON as MalformedResponse.
 */
final class FailureMapper {

    private final String source;

    FailureMapper(String source) {
        this.source = source;
    }

    SearchFailedException rejected(HttpHead head, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return SearchFailedException.builder(HttpStatuses.kind(head.status()), source)
                .httpStatus(head.status())
                .detail(HtmlPages.summary(head, text).orElse(text.strip()))
                .retryAfter(RetryWait.fromRetryAfterHeaders(head::header, Clock.systemUTC()).orElse(null))
                .shouldRetry(head.shouldRetry().orElse(null))
                .build();
    }

    RuntimeException failed(TransportFailure failure) {
        return failure.searchBuilder(source).build();
    }

    /** An HTML page where studies JSON was expected, as ProviderUnavailable; empty for anything else. */
    Optional<SearchFailedException> htmlPage(HttpHead head, String text) {
        return HtmlPages.summary(head, text).map(page -> inBody(ErrorKind.PROVIDER_UNAVAILABLE, head,
                page + " where ClinicalTrials.gov studies JSON was expected"));
    }

    SearchFailedException inBody(ErrorKind kind, HttpHead head, String detail) {
        return SearchFailedException.builder(kind, source).httpStatus(head.status()).detail(detail).build();
    }

    SearchFailedException unreadable(HttpHead head, Exception cause) {
        return SearchFailedException.builder(ErrorKind.MALFORMED_RESPONSE, source).httpStatus(head.status())
                .detail("the studies answer from " + head.host() + " is unreadable: " + cause.getMessage())
                .cause(cause).build();
    }
}
