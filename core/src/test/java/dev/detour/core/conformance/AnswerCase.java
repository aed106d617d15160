package dev.detour.core.conformance;

import dev.detour.core.internal.Require;

/**
 * A successful plain (non-streaming) response and the answer the adapter must make of it.
 *
 * @param name what the case shows, used as the test's display name
 * @param response what the server sends
 * @param expected what {@code chat} must return
 */
public record AnswerCase(String name, CannedResponse response, ExpectedAnswer expected) {

    public AnswerCase {
        Require.nonBlank(name, "name");
        Require.nonNull(response, "response");
        Require.nonNull(expected, "expected");
    }

    @Override
    public String toString() {
        return name;
    }
}
