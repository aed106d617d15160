package dev.detour.core.conformance;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ErrorKind;
import java.util.List;
import java.util.OptionalInt;

/**
 * One row of an evidence source's error table: what the server sends (one response per request, in
 * order) and how the search must fail.
 *
 * @param name what the case shows, used as the test's display name
 * @param responses what the server sends, in order; the failure may come after a first successful request
 * @param kind the kind the {@code SearchFailedException} must have
 * @param httpStatus the status it must carry, if any
 */
public record SearchFailureCase(String name, List<CannedResponse> responses, ErrorKind kind, OptionalInt httpStatus) {

    public SearchFailureCase {
        Require.nonBlank(name, "name");
        responses = List.copyOf(Require.nonNull(responses, "responses"));
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("responses must hold at least one response");
        }
        Require.nonNull(kind, "kind");
        Require.nonNull(httpStatus, "httpStatus");
    }

    /** A case whose failure carries {@code status}. */
    public static SearchFailureCase of(String name, List<CannedResponse> responses, ErrorKind kind, int status) {
        return new SearchFailureCase(name, responses, kind, OptionalInt.of(status));
    }

    /** A case whose failure carries no status. */
    public static SearchFailureCase withoutStatus(String name, List<CannedResponse> responses, ErrorKind kind) {
        return new SearchFailureCase(name, responses, kind, OptionalInt.empty());
    }

    @Override
    public String toString() {
        return name;
    }
}
