package dev.detour.core.conformance;

import dev.detour.core.internal.Require;

/**
 * One row of an adapter's error table: what the server sends and the exception the adapter must throw.
 *
 * @param name what the case shows, used as the test's display name
 * @param response what the server sends
 * @param expected the exception {@code chat} must throw
 */
public record FailureCase(String name, CannedResponse response, ExpectedFailure expected) {

    public FailureCase {
        Require.nonBlank(name, "name");
        Require.nonNull(response, "response");
        Require.nonNull(expected, "expected");
    }

    /** Shorthand for the canonical constructor. */
    public static FailureCase of(String name, CannedResponse response, ExpectedFailure expected) {
        return new FailureCase(name, response, expected);
    }

    @Override
    public String toString() {
        return name;
    }
}
