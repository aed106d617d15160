package dev.detour.core.model;

import dev.detour.core.internal.Durations;
import dev.detour.core.internal.Require;
import dev.detour.core.secret.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One try of one model (first try or retry) or of one evidence search, a try whose answer was not waited for
 * because the run was cancelled, or a model or source skipped without a request. Model calls and searches
 * share this record, their {@link ErrorKind}s and their skip reasons; the {@link #target() target} says which
 * was tried.
 *
 * @param target the model or source tried or skipped
 * @param inferenceProvider who ran the model, when known; always empty for a search
 * @param retry 0 for the first try of this model or search, 1 for the first retry, and so on
 * @param outcome succeeded, failed, cancelled (in flight when the run was cancelled) or skipped
 * @param kind the failure's kind, for a failed attempt that was classified
 * @param httpStatus the HTTP status of a failed attempt, if it had one
 * @param skipReason why a skipped attempt was skipped
 * @param message a short, secret-free description of what happened
 * @param start when the attempt started
 * @param duration how long it took (zero for a skip)
 * @param usage the tokens the provider reported for this attempt alone (none for a skip)
 */
public record Attempt(
        AttemptTarget target,
        Optional<String> inferenceProvider,
        int retry,
        Outcome outcome,
        Optional<ErrorKind> kind,
        OptionalInt httpStatus,
        Optional<SkipReason> skipReason,
        String message,
        Instant start,
        Duration duration,
        TokenUsage usage) {

    /** How an attempt ended. */
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        /** The request was sent, and the run was cancelled before its answer came: not a failure of the model. */
        CANCELLED,
        SKIPPED
    }

    private static final int MAX_MESSAGE_LENGTH = 200;
    private static final String SUCCEEDED_MESSAGE = "ok";

    public Attempt {
        Require.nonNull(target, "target");
        Require.nonNull(inferenceProvider, "inferenceProvider");
        Require.notNegative(retry, "retry");
        Require.nonNull(outcome, "outcome");
        Require.nonNull(kind, "kind");
        Require.nonNull(httpStatus, "httpStatus");
        Require.nonNull(skipReason, "skipReason");
        message = SUCCEEDED_MESSAGE.equals(Require.nonNull(message, "message"))
                ? SUCCEEDED_MESSAGE : Redaction.redactAndTrim(message, MAX_MESSAGE_LENGTH);
        Require.nonNull(start, "start");
        Require.notNegative(duration, "duration");
        Require.nonNull(usage, "usage");
        if ((outcome == Outcome.SKIPPED) != skipReason.isPresent()) {
            throw new IllegalArgumentException("skipReason must be present exactly when outcome is SKIPPED, was "
                    + skipReason + " with " + outcome);
        }
        if ((outcome == Outcome.SUCCEEDED || outcome == Outcome.CANCELLED) && kind.isPresent()) {
            throw new IllegalArgumentException("a " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                    + " attempt has no error kind, was " + kind.get());
        }
        if (target instanceof SourceRef && inferenceProvider.isPresent()) {
            throw new IllegalArgumentException("a search attempt has no inference provider, was " + inferenceProvider.get());
        }
    }

    /**
     * The model this attempt tried, for code that handles model attempts only (a chain's, those of
     * {@link AllModelsFailedError}); a step's record mixes in search attempts, so check {@link #isSearch()}
     * or switch on {@link #target()} there.
     *
     * @throws IllegalStateException if this is a search attempt
     */
    public ModelRef model() {
        if (target instanceof ModelRef model) {
            return model;
        }
        throw new IllegalStateException("attempt " + describe() + " searched a source; it names no model");
    }

    /**
     * The evidence source this attempt searched.
     *
     * @throws IllegalStateException if this is a model attempt
     */
    public SourceRef source() {
        if (target instanceof SourceRef source) {
            return source;
        }
        throw new IllegalStateException("attempt " + describe() + " called a model; it names no source");
    }

    /** Whether this attempt searched an evidence source rather than called a model. */
    public boolean isSearch() {
        return target instanceof SourceRef;
    }

    /** An attempt whose provider reported no tokens. */
    public Attempt(AttemptTarget target, Optional<String> inferenceProvider, int retry, Outcome outcome,
            Optional<ErrorKind> kind, OptionalInt httpStatus, Optional<SkipReason> skipReason, String message,
            Instant start, Duration duration) {
        this(target, inferenceProvider, retry, outcome, kind, httpStatus, skipReason, message, start, duration, TokenUsage.NONE);
    }

    /** This attempt with the tokens its provider reported. */
    public Attempt withUsage(TokenUsage value) {
        return new Attempt(target, inferenceProvider, retry, outcome, kind, httpStatus, skipReason, message, start, duration,
                Require.nonNull(value, "usage"));
    }

    /** A try that answered. */
    public static Attempt succeeded(ModelRef model, String inferenceProvider, int retry, Instant start, Duration duration) {
        return new Attempt(model, Optional.ofNullable(inferenceProvider), retry, Outcome.SUCCEEDED, Optional.empty(),
                OptionalInt.empty(), Optional.empty(), SUCCEEDED_MESSAGE, start, duration);
    }

    /** A try that failed with a classified error. */
    public static Attempt failed(ModelCallException failure, int retry, Instant start, Duration duration) {
        Require.nonNull(failure, "failure");
        String message = failure.detail().isEmpty() ? failure.summary() : failure.detail();
        if (failure.retryAfter().isPresent()) {
            message = message + " (provider asks to wait " + Durations.human(failure.retryAfter().get()) + ")";
        }
        return new Attempt(failure.model(), failure.inferenceProvider(), retry, Outcome.FAILED,
                Optional.of(failure.kind()), failure.httpStatus(), Optional.empty(), message, start, duration,
                failure.usage());
    }

    /** A search that answered. */
    public static Attempt succeeded(SourceRef source, int retry, Instant start, Duration duration) {
        return new Attempt(source, Optional.empty(), retry, Outcome.SUCCEEDED, Optional.empty(),
                OptionalInt.empty(), Optional.empty(), SUCCEEDED_MESSAGE, start, duration);
    }

    /**
     * A search that failed with a classified error; {@code message} is the source's words or what Detour
     * observed, and {@code retryAfter} the wait the source asked for, if it did.
     */
    public static Attempt failed(SourceRef source, ErrorKind kind, OptionalInt httpStatus, String message,
            Optional<Duration> retryAfter, int retry, Instant start, Duration duration) {
        Require.nonNull(kind, "kind");
        Require.nonNull(message, "message");
        Require.nonNull(retryAfter, "retryAfter");
        String text = retryAfter.map(wait -> message + " (source asks to wait " + Durations.human(wait) + ")")
                .orElse(message);
        return new Attempt(source, Optional.empty(), retry, Outcome.FAILED, Optional.of(kind), httpStatus,
                Optional.empty(), text, start, duration);
    }

    /** A try that failed with something no adapter classified: a bug, reported as such. */
    public static Attempt failedUnexpectedly(AttemptTarget target, Throwable failure, int retry, Instant start,
            Duration duration) {
        Require.nonNull(failure, "failure");
        String message = "unexpected " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return new Attempt(target, Optional.empty(), retry, Outcome.FAILED, Optional.empty(), OptionalInt.empty(),
                Optional.empty(), message, start, duration);
    }

    /** A model or source not tried at all. */
    public static Attempt skipped(AttemptTarget target, SkipReason reason, String message, Instant at) {
        Require.nonNull(reason, "reason");
        return new Attempt(target, Optional.empty(), 0, Outcome.SKIPPED, Optional.empty(), OptionalInt.empty(),
                Optional.of(reason), message == null || message.isBlank() ? reason.description() : message, at,
                Duration.ZERO);
    }

    /** A try abandoned because the run was cancelled while it was in flight. */
    public static Attempt cancelled(AttemptTarget target, int retry, Instant start, Duration duration) {
        return new Attempt(target, Optional.empty(), retry, Outcome.CANCELLED, Optional.empty(), OptionalInt.empty(),
                Optional.empty(), "cancelled while waiting for the answer", start, duration);
    }

    /** The distinct kinds of failure among {@code attempts}, in order of first appearance. */
    public static Set<ErrorKind> kindsOf(List<Attempt> attempts) {
        Set<ErrorKind> kinds = new LinkedHashSet<>();
        Require.nonNull(attempts, "attempts").forEach(attempt -> attempt.kind().ifPresent(kinds::add));
        return kinds;
    }

    /**
     * The cause in a few words, such as {@code HTTP 500 from novita}, {@code Timeout from novita} (a failure
     * inside an HTTP 200, which names the kind, not the status), {@code HTTP 429 from pubmed} or
     * {@code circuit open}.
     */
    public String shortReason() {
        return switch (outcome) {
            case SUCCEEDED -> "ok";
            case CANCELLED -> "cancelled";
            case SKIPPED -> skipReason.orElseThrow().description();
            case FAILED -> {
                String what = httpStatus.isPresent() && httpStatus.getAsInt() >= 300
                        ? "HTTP " + httpStatus.getAsInt()
                        : kind.map(ErrorKind::displayName).orElse("unexpected error");
                yield what + " from " + switch (target) {
                    case ModelRef model -> inferenceProvider.orElse(model.provider());
                    case SourceRef source -> source.name();
                };
            }
        };
    }

    /**
     * One line for a person: {@code hf:Qwen/Qwen2.5-72B-Instruct via novita, try 1: ProviderUnavailable,
     * HTTP 500, 312 ms: upstream error}, or for a search {@code pubmed, try 2: succeeded, 80 ms}.
     */
    public String describe() {
        StringBuilder line = new StringBuilder().append(target);
        inferenceProvider.ifPresent(provider -> line.append(" via ").append(provider));
        if (outcome == Outcome.SKIPPED) {
            return line.append(": skipped (").append(skipReason.orElseThrow().description()).append(")")
                    .append(message.equals(skipReason.get().description()) ? "" : ": " + message).toString();
        }
        line.append(", try ").append(retry + 1).append(": ");
        if (outcome == Outcome.SUCCEEDED) {
            line.append("succeeded");
        } else if (outcome == Outcome.CANCELLED) {
            line.append("cancelled");
        } else {
            line.append(kind.map(ErrorKind::displayName).orElse("unexpected error"));
            httpStatus.ifPresent(status -> line.append(", HTTP ").append(status));
        }
        line.append(", ").append(Durations.human(duration));
        if (outcome == Outcome.FAILED && !message.isEmpty()) {
            line.append(": ").append(message);
        }
        return line.toString();
    }
}
