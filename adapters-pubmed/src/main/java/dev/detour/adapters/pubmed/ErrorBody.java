package dev.detour.adapters.pubmed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.model.ErrorKind;
import dev.detour.transport.HttpHead;
import dev.detour.transport.SearchFailures;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** NCBI's JSON error body, {@code {"error":"API rate limit exceeded",...}}, on an error status or inside a 200. */
final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {}

    /** NCBI's words in {@code text}, if it is such a body. */
    static Optional<String> words(String text) {
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

    /**
     * The failure a 200 body stands for before it is read as data: an HTML page (ProviderUnavailable) or NCBI's
     * rate-limit body, which some gateways send with a 200 (RateLimited); empty for anything else.
     */
    static Optional<SearchFailedException> notData(SearchFailures failures, HttpHead head, String text) {
        return failures.htmlPage(head, text).or(() -> words(text).map(error -> failures.inBody(
                error.toLowerCase(Locale.ROOT).contains("rate limit") ? ErrorKind.RATE_LIMITED : ErrorKind.PROVIDER_UNAVAILABLE,
                head, error)));
    }
}
