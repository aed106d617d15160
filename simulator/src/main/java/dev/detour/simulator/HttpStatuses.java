package dev.detour.simulator;

import java.util.Map;

/** The HTTP statuses a simulated provider may answer with, and their reason phrases. */
final class HttpStatuses {

    static final int MIN = 200;
    static final int MAX = 599;

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"),
            Map.entry(413, "Payload Too Large"),
            Map.entry(422, "Unprocessable Entity"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private HttpStatuses() {}

    static boolean isValid(long status) {
        return status >= MIN && status <= MAX;
    }

    /** The problem with {@code status}, worded to follow the value in an error message. */
    static String problem(long status) {
        return status + " is not an HTTP status; use one from " + MIN + " to " + MAX;
    }

    static int check(int status) {
        if (!isValid(status)) {
            throw new IllegalArgumentException("status " + problem(status));
        }
        return status;
    }

    static boolean allowsBody(int status) {
        return status != 204 && status != 304;
    }

    static String reason(int status) {
        return REASONS.getOrDefault(status, "Error");
    }
}
