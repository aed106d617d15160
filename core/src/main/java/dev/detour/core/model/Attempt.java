package dev.detour.core.model;

import dev.detour.core.internal.Durations;
import dev.detour.core.internal.Require;
import dev.detour.core.secret.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One try of one model (first try or retry), or a model skipped without a request.
 *
 * @param model the model tried or skipped
 * @param inferenceProvider who ran it, when known
 * @param retry 0 for the first try of this model, 1 for the first retry, and so on
 * @param outcome succeeded, failed or skipped
 * @param kind the failure's kind, for a failed attempt that was classified
 * @param httpStatus the HTTP status of a failed attempt, if it had one
 * @param skipReason why a skipped attempt was skipped
 * @param message a short, secret-free description of what happened
 * @param start when the attempt started
 * @param duration how long it took (zero for a skip)
 * @param usage the tokens the provider reported for this attempt alone (none for a skip)
 */
public record Attempt(
        ModelRef model,
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
        SKIPPED
    }

    private static final int MAX_MESSAGE_LENGTH = 200;

    public Attempt {
        Require.nonNull(model, "model");
        Require.nonNull(inferenceProvider, "inferenceProvider");
        Require.notNegative(retry, "retry");
        Require.nonNull(outcome, "outcome");
        Require.nonNull(kind, "kind");
        Require.nonNull(httpStatus, "httpStatus");
        Require.nonNull(skipReason, "skipReason");
        message = Redaction.redactAndTrim(Require.nonNull(message, "message"), MAX_MESSAGE_LENGTH);
        Require.nonNull(start, "start");
        Require.notNegative(duration, "duration");
        Require.nonNull(usage, "usage");
        if ((outcome == Outcome.SKIPPED) != skipReason.isPresent()) {
            throw new IllegalArgumentException("skipReason must be present exactly when outcome is SKIPPED, was "
                    + skipReason + " with " + outcome);
        }
        if (outcome == Outcome.SUCCEEDED && kind.isPresent()) {
            throw new IllegalArgumentException("a succeeded attempt has no error kind, was " + kind.get());
        }
    }

    /** An attempt whose provider reported no tokens. */
    public Attempt(ModelRef model, Optional<String> inferenceProvider, int retry, Outcome outcome, Optional<ErrorKind> kind,
            OptionalInt httpStatus, Optional<SkipReason> skipReason, String message, Instant start, Duration duration) {
        this(model, inferenceProvider, retry, outcome, kind, httpStatus, skipReason, message, start, duration, TokenUsage.NONE);
    }

    /** This attempt with the tokens its provider reported. */
    public Attempt withUsage(TokenUsage value) {
        return new Attempt(model, inferenceProvider, retry, outcome, kind, httpStatus, skipReason, message, start, duration,
                Require.nonNull(value, "usage"));
    }

    /** A try that answered. */
    public static Attempt succeeded(ModelRef model, String inferenceProvider, int retry, Instant start, Duration duration) {
        return new Attempt(model, Optional.ofNullable(inferenceProvider), retry, Outcome.SUCCEEDED, Optional.empty(),
                OptionalInt.empty(), Optional.empty(), "ok", start, duration);
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

    /** A try that failed with something no adapter classified: a bug, reported as such. */
    public static Attempt failedUnexpectedly(ModelRef model, Throwable failure, int retry, Instant start, Duration duration) {
        Require.nonNull(failure, "failure");
        String message = "unexpected " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return new Attempt(model, Optional.empty(), retry, Outcome.FAILED, Optional.empty(), OptionalInt.empty(),
                Optional.empty(), message, start, duration);
    }

    /** A model not tried at all. */
    public static Attempt skipped(ModelRef model, SkipReason reason, String message, Instant at) {
        Require.nonNull(reason, "reason");
        return new Attempt(model, Optional.empty(), 0, Outcome.SKIPPED, Optional.empty(), OptionalInt.empty(),
                Optional.of(reason), message == null || message.isBlank() ? reason.description() : message, at,
                Duration.ZERO);
    }

    /** A try abandoned because the run was cancelled while it was in flight. */
    public static Attempt cancelled(ModelRef model, int retry, Instant start, Duration duration) {
        return new Attempt(model, Optional.empty(), retry, Outcome.SKIPPED, Optional.empty(), OptionalInt.empty(),
                Optional.of(SkipReason.CANCELLED), "cancelled while waiting for the answer", start, duration);
    }

    /**
     * The cause in a few words, such as {@code HTTP 500 from novita}, {@code Timeout from novita} (a failure
     * inside an HTTP 200, which names the kind, not the status) or {@code circuit open}.
     */
    public String shortReason() {
        return switch (outcome) {
            case SUCCEEDED -> "ok";
            case SKIPPED -> skipReason.orElseThrow().description();
            case FAILED -> {
                String what = httpStatus.isPresent() && httpStatus.getAsInt() >= 300
                        ? "HTTP " + httpStatus.getAsInt()
                        : kind.map(ErrorKind::displayName).orElse("unexpected error");
                yield what + " from " + inferenceProvider.orElse(model.provider());
            }
        };
    }

    /**
     * One line for a person: {@code hf:Qwen/Qwen2.5-72B-Instruct via novita, try 1: ProviderUnavailable,
     * HTTP 500, 312 ms: upstream error}.
     */
    public String describe() {
        StringBuilder line = new StringBuilder().append(model);
        inferenceProvider.ifPresent(provider -> line.append(" via ").append(provider));
        if (outcome == Outcome.SKIPPED) {
            return line.append(": skipped (").append(skipReason.orElseThrow().description()).append(")")
                    .append(message.equals(skipReason.get().description()) ? "" : ": " + message).toString();
        }
        line.append(", try ").append(retry + 1).append(": ");
        if (outcome == Outcome.SUCCEEDED) {
            line.append("succeeded");
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
