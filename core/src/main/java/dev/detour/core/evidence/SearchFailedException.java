package dev.detour.core.evidence;

import dev.detour.core.internal.Durations;
import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SourceRef;
import dev.detour.core.secret.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A search of one evidence source failed, classified by the same {@link ErrorKind}s as model calls, so
 * the caller retries, backs off or gives up on that source exactly as the chain does for a model.
 * Sources are complementary: one failing never makes another one be tried instead.
 */
public final class SearchFailedException extends SearchFailure {

    /** The most characters of a source's message kept in {@link #detail()}. */
    public static final int MAX_DETAIL_LENGTH = 500;

    private final String source;
    private final ErrorKind kind;
    private final Integer httpStatus;
    private final String detail;
    private final Duration retryAfter;
    private final Boolean shouldRetry;

    private SearchFailedException(Builder builder) {
        super(builder.cause);
        this.source = builder.source;
        this.kind = builder.kind;
        this.httpStatus = builder.httpStatus;
        this.detail = builder.detail;
        this.retryAfter = builder.retryAfter;
        this.shouldRetry = builder.shouldRetry;
    }

    /** Starts a failure of {@code kind} for the source configured as {@code source}. */
    public static Builder builder(ErrorKind kind, String source) {
        return new Builder(kind, source);
    }

    /** The configured name of the source that failed, such as {@code pubmed}. */
    public String source() {
        return source;
    }

    /** The source that failed, as attempts name it. */
    public SourceRef sourceRef() {
        return SourceRef.of(source);
    }

    /** The kind of failure, which decides whether the search is tried again. */
    public ErrorKind kind() {
        return kind;
    }

    /** The one kind of this failure. */
    @Override
    public Set<ErrorKind> kinds() {
        return Set.of(kind);
    }

    /** This failure as the record of try {@code retry} (0 for the first) that started at {@code start}. */
    public Attempt attempt(int retry, Instant start, Duration duration) {
        return Attempt.failed(sourceRef(), kind, httpStatus(), detail.isEmpty() ? summary() : detail, retryAfter(),
                retry, start, duration);
    }

    /** The HTTP status of the failed response, if it had one. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The source's words (or what Detour observed), trimmed and scrubbed of credentials. */
    public String detail() {
        return detail;
    }

    /** How long the source asked to wait before the next request, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the same search may be tried again: the source's instruction if any, else the kind's rule. */
    public boolean retryable() {
        return shouldRetry != null ? shouldRetry : kind.retrySameModel();
    }

    /** A short cause for one-line summaries: {@code HTTP 429 from pubmed}, or the kind when there was no status. */
    public String summary() {
        String what = httpStatus != null && httpStatus >= 300 ? "HTTP " + httpStatus : kind.displayName();
        return what + " from " + source;
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder(kind.displayName()).append(": ").append(summary())
                .append(" while searching");
        if (!detail.isEmpty()) {
            message.append(": ").append(detail);
        }
        if (retryAfter != null) {
            message.append("; the source asks to wait ").append(Durations.human(retryAfter));
        }
        return message.toString();
    }

    /** Collects a search failure's details. */
    public static final class Builder {
        private final ErrorKind kind;
        private final String source;
        private Integer httpStatus;
        private String detail = "";
        private Duration retryAfter;
        private Boolean shouldRetry;
        private Throwable cause;

        private Builder(ErrorKind kind, String source) {
            this.kind = Require.nonNull(kind, "kind");
            this.source = SourceRef.of(Require.nonBlank(source, "source")).name();
        }

        public Builder httpStatus(Integer value) {
            if (value != null && (value < 100 || value > 599)) {
                throw new IllegalArgumentException("httpStatus must be between 100 and 599, was " + value);
            }
            this.httpStatus = value;
            return this;
        }

        /** The source's words; credentials are scrubbed, control characters removed and the text trimmed. */
        public Builder detail(String value) {
            this.detail = Redaction.redactAndTrim(
                    dev.detour.core.internal.PlainText.oneLine(value, MAX_DETAIL_LENGTH * 2), MAX_DETAIL_LENGTH);
            return this;
        }

        /** How long the source asked to wait before the next request. */
        public Builder retryAfter(Duration value) {
            if (value != null) {
                Require.notNegative(value, "retryAfter");
            }
            this.retryAfter = value;
            return this;
        }

        /** The source's own retry instruction, which overrides the kind's rule. */
        public Builder shouldRetry(Boolean value) {
            this.shouldRetry = value;
            return this;
        }

        public Builder cause(Throwable value) {
            this.cause = value;
            return this;
        }

        public SearchFailedException build() {
            return new SearchFailedException(this);
        }
    }
}
