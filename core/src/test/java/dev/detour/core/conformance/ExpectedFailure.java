package dev.detour.core.conformance;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ErrorKind;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link dev.detour.core.model.ModelCallException} an adapter must throw for a canned failure. Kind,
 * status, provider code, request id, wait, retry override and inference provider are compared exactly
 * (an empty value means "must be absent"); {@code detailContains} is a substring check when present.
 *
 * @param kind the error kind
 * @param httpStatus the HTTP status the exception reports
 * @param providerCode the provider's machine-readable code
 * @param requestId the provider's request id
 * @param retryAfter the wait a {@link dev.detour.core.model.RateLimitedException} reports
 * @param shouldRetry the provider's retry instruction ({@code x-should-retry})
 * @param inferenceProvider who ran the model, when the adapter can tell
 * @param detailContains text the exception's detail must contain
 */
public record ExpectedFailure(
        ErrorKind kind,
        OptionalInt httpStatus,
        Optional<String> providerCode,
        Optional<String> requestId,
        Optional<Duration> retryAfter,
        Optional<Boolean> shouldRetry,
        Optional<String> inferenceProvider,
        Optional<String> detailContains) {

    public ExpectedFailure {
        Require.nonNull(kind, "kind");
        Require.nonNull(httpStatus, "httpStatus");
        Require.nonNull(providerCode, "providerCode");
        Require.nonNull(requestId, "requestId");
        Require.nonNull(retryAfter, "retryAfter");
        Require.nonNull(shouldRetry, "shouldRetry");
        Require.nonNull(inferenceProvider, "inferenceProvider");
        Require.nonNull(detailContains, "detailContains");
        if (retryAfter.isPresent() && kind != ErrorKind.RATE_LIMITED) {
            throw new IllegalArgumentException("only RateLimited failures carry a wait, kind was " + kind);
        }
    }

    /** A failure of {@code kind} with nothing else set. */
    public static ExpectedFailure of(ErrorKind kind) {
        return new ExpectedFailure(kind, OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ExpectedFailure status(int value) {
        return new ExpectedFailure(kind, OptionalInt.of(value), providerCode, requestId, retryAfter, shouldRetry,
                inferenceProvider, detailContains);
    }

    public ExpectedFailure providerCode(String value) {
        return new ExpectedFailure(kind, httpStatus, Optional.of(value), requestId, retryAfter, shouldRetry,
                inferenceProvider, detailContains);
    }

    public ExpectedFailure requestId(String value) {
        return new ExpectedFailure(kind, httpStatus, providerCode, Optional.of(value), retryAfter, shouldRetry,
                inferenceProvider, detailContains);
    }

    public ExpectedFailure retryAfter(Duration value) {
        return new ExpectedFailure(kind, httpStatus, providerCode, requestId, Optional.of(value), shouldRetry,
                inferenceProvider, detailContains);
    }

    public ExpectedFailure shouldRetry(boolean value) {
        return new ExpectedFailure(kind, httpStatus, providerCode, requestId, retryAfter, Optional.of(value),
                inferenceProvider, detailContains);
    }

    public ExpectedFailure inferenceProvider(String value) {
        return new ExpectedFailure(kind, httpStatus, providerCode, requestId, retryAfter, shouldRetry,
                Optional.of(value), detailContains);
    }

    public ExpectedFailure detailContains(String value) {
        return new ExpectedFailure(kind, httpStatus, providerCode, requestId, retryAfter, shouldRetry,
                inferenceProvider, Optional.of(value));
    }
}
