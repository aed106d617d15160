package dev.detour.transport;

import dev.detour.core.model.ErrorKind;

/**
 * The default {@link ErrorKind} of an HTTP error status, DESIGN §3's status column. Adapters refine it
 * with what their provider's error body says (a code, a type, words); a status the table does not name
 * falls in its class: another 4xx is not retried but falls back, a 5xx is a provider failure. A search has
 * no model, so {@link #searchKind} reads the statuses that name one differently.
 */
public final class HttpStatuses {

    private HttpStatuses() {}

    /** The kind of a response with {@code status}, from its status alone. */
    public static ErrorKind kind(int status) {
        return switch (status) {
            case 400, 422 -> ErrorKind.INVALID_REQUEST;
            case 401, 403 -> ErrorKind.AUTHENTICATION_FAILED;
            case 402 -> ErrorKind.QUOTA_EXCEEDED;
            case 404, 410 -> ErrorKind.MODEL_UNAVAILABLE;
            case 408 -> ErrorKind.TIMEOUT;
            case 409 -> ErrorKind.PROVIDER_UNAVAILABLE;
            case 413 -> ErrorKind.CONTEXT_LENGTH_EXCEEDED;
            case 429 -> ErrorKind.RATE_LIMITED;
            default -> status >= 300 && status < 500 ? ErrorKind.MODEL_UNAVAILABLE : ErrorKind.PROVIDER_UNAVAILABLE;
        };
    }

    /**
     * The kind of a search source's response with {@code status}: as {@link #kind}, except that a 404, a 410 or
     * another 4xx the table does not name says the request went where nothing is served (a wrong base URL or path,
     * a retired API version), which no retry mends: InvalidRequest, never ModelUnavailable.
     */
    public static ErrorKind searchKind(int status) {
        ErrorKind kind = kind(status);
        return kind == ErrorKind.MODEL_UNAVAILABLE ? ErrorKind.INVALID_REQUEST : kind;
    }
}
