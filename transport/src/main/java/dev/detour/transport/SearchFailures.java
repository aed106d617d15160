package dev.detour.transport;

import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.wire.RetryWait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The failures an evidence source's answers stand for, the same for every source: an error status by
 * {@link HttpStatuses#searchKind} in the service's own words, an HTML page where data was expected, an error
 * reported inside a 200, and an answer that does not parse. Each source gives its name, what it expects and how
 * to find the words in its error bodies; it does not parse JSON itself, so transport stays free of JSON libraries.
 * A key a source sends in the query string is already redacted from all that reaches it (see {@link Credential}).
 */
public final class SearchFailures {

    private final String source;
    private final String expected;
    private final Function<String, Optional<String>> words;

    private SearchFailures(String source, String expected, Function<String, Optional<String>> words) {
        this.source = source;
        this.expected = expected;
        this.words = words;
    }

    /**
     * @param source the source's configured name, as failures name it
     * @param expected what a good answer is, for messages, such as {@code "Europe PMC search JSON"}
     * @param words the service's own words in an error body, if it has any
     */
    public static SearchFailures of(String source, String expected, Function<String, Optional<String>> words) {
        return new SearchFailures(Require.nonBlank(source, "source"), Require.nonBlank(expected, "expected"),
                Require.nonNull(words, "words"));
    }

    /** Reads a whole body with {@code body}, refusing an event stream, an error status or a failed exchange. */
    public <T> ResponseReader<T> reader(BiFunction<HttpHead, byte[], T> body) {
        return ResponseReader.of(this::rejected, body, head -> {
            throw inBody(ErrorKind.MALFORMED_RESPONSE, head, "an event stream where " + expected + " was expected");
        }, this::failed);
    }

    /** An error status, with the page's title or the service's words, its wait and its {@code x-should-retry}. */
    public SearchFailedException rejected(HttpHead head, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String detail = HtmlPages.summary(head, text).or(() -> words.apply(text)).orElse(text.strip());
        if (HttpStatuses.searchKind(head.status()) != HttpStatuses.kind(head.status())) {
            detail = "nothing is served at " + head.url().encodedPath() + " on " + head.host()
                    + "; check the source's base URL" + (detail.isBlank() ? "" : " (" + detail + ")");
        }
        return SearchFailedException.builder(HttpStatuses.searchKind(head.status()), source)
                .httpStatus(head.status())
                .detail(detail)
                .retryAfter(RetryWait.fromRetryAfterHeaders(head::header, Clock.systemUTC()).orElse(null))
                .shouldRetry(head.shouldRetry().orElse(null))
                .build();
    }

    /** A failure of the exchange itself. */
    public RuntimeException failed(TransportFailure failure) {
        return failure.searchBuilder(source).build();
    }

    /** An HTML page where data was expected, as ProviderUnavailable; empty for anything else. */
    public Optional<SearchFailedException> htmlPage(HttpHead head, String text) {
        return HtmlPages.summary(head, text).map(page -> inBody(ErrorKind.PROVIDER_UNAVAILABLE, head,
                page + " where " + expected + " was expected"));
    }

    /** An error the service reported inside a successful response, or an answer of the wrong shape. */
    public SearchFailedException inBody(ErrorKind kind, HttpHead head, String detail) {
        return SearchFailedException.builder(kind, source).httpStatus(head.status()).detail(detail).build();
    }

    /** {@code what} (such as {@code "the works answer"}) does not parse. */
    public SearchFailedException unreadable(HttpHead head, String what, Exception cause) {
        return SearchFailedException.builder(ErrorKind.MALFORMED_RESPONSE, source).httpStatus(head.status())
                .detail(what + " from " + head.host() + " is unreadable: " + cause.getMessage())
                .cause(cause).build();
    }

    /** The body as text, parsed by {@code parser} unless it is an HTML page; {@code what} names it if it does not parse. */
    public <T> T parsed(HttpHead head, byte[] body, String what, Parser<T> parser) {
        String text = new String(body, StandardCharsets.UTF_8);
        htmlPage(head, text).ifPresent(failure -> {
            throw failure;
        });
        try {
            return parser.parse(text);
        } catch (IOException e) {
            throw unreadable(head, what, e);
        }
    }

    /** Reads a body's text, such as a JSON parser's {@code readTree}. */
    @FunctionalInterface
    public interface Parser<T> {

        T parse(String text) throws IOException;
    }
}
