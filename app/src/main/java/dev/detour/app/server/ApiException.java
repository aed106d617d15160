package dev.detour.app.server;

import java.util.Optional;

/**
 * A request the API answers with an error: its HTTP status, a stable type and a message that says what
 * went wrong and what to do, written as {@code {"error": {"type", "message"}}}.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final Optional<Long> retryAfterSeconds;
    private final Optional<String> field;

    private ApiException(int status, String type, String message, Optional<Long> retryAfterSeconds) {
        this(status, type, message, retryAfterSeconds, Optional.empty());
    }

    private ApiException(int status, String type, String message, Optional<Long> retryAfterSeconds, Optional<String> field) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
        this.field = field;
    }

    /** A 400 about one field of the request, which the reply names. */
    static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_request", field + ": " + message, Optional.empty(), Optional.of(field));
    }

    static ApiException badJson(String message) {
        return new ApiException(400, "invalid_json", message, Optional.empty());
    }

    static ApiException unauthorized() {
        return new ApiException(401, "unauthorized",
                "this server needs its token: send the header Authorization: Bearer <DETOUR_SERVER_TOKEN>", Optional.empty());
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, Optional.empty());
    }

    static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, Optional.empty());
    }

    static ApiException tooLarge(int limit) {
        return new ApiException(413, "payload_too_large",
                "the request body is larger than " + limit + " bytes; send a shorter question", Optional.empty());
    }

    static ApiException tooManyRuns(int limit, long retryAfterSeconds) {
        return new ApiException(429, "too_many_runs", "this server already runs " + limit
                + " runs (server.max-concurrent-runs); try again when one has ended", Optional.of(retryAfterSeconds));
    }

    static ApiException shuttingDown() {
        return new ApiException(503, "shutting_down",
                "this server is shutting down and takes no new runs; send it to the restarted server", Optional.empty());
    }

    static ApiException engineUnavailable(String message) {
        return new ApiException(503, "engine_unavailable", message, Optional.empty());
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The request field at fault, for a 400 about one. */
    Optional<String> field() {
        return field;
    }
}
