package dev.detour.core.conformance;

import dev.detour.core.internal.Require;
import java.util.List;

/**
 * A successful streamed response, the text deltas the adapter must hand to the stream listener in
 * order, and the assembled answer it must return at the end.
 *
 * @param name what the case shows, used as the test's display name
 * @param response what the server sends, usually {@link CannedResponse#sse(String)}
 * @param deltas the non-empty text pieces the listener must receive, in order
 * @param expected what {@code chat} must return; its text must be the deltas joined
 */
public record StreamCase(String name, CannedResponse response, List<String> deltas, ExpectedAnswer expected) {

    public StreamCase {
        Require.nonBlank(name, "name");
        Require.nonNull(response, "response");
        deltas = List.copyOf(Require.nonNull(deltas, "deltas"));
        Require.nonNull(expected, "expected");
        if (!String.join("", deltas).equals(expected.text())) {
            throw new IllegalArgumentException("the deltas of stream case \"" + name
                    + "\" must join to the expected text; fix the case");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
