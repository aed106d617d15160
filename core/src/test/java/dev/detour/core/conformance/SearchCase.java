package dev.detour.core.conformance;

import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.internal.Require;
import java.util.List;

/**
 * One successful search as the source answers it: the query, every response of the exchange in order (a
 * search may take several requests, such as PubMed's ESearch then EFetch), and the ids expected back.
 *
 * @param name what the case shows, used as the test's display name
 * @param query the query the kit sends
 * @param responses what the server sends, one per request, in order
 * @param expectedIds the ids of the records the search must return, in order, as {@code EvidenceId.toString()}
 */
public record SearchCase(String name, SearchQuery query, List<CannedResponse> responses, List<String> expectedIds) {

    public SearchCase {
        Require.nonBlank(name, "name");
        Require.nonNull(query, "query");
        responses = List.copyOf(Require.nonNull(responses, "responses"));
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("responses must hold at least one response");
        }
        expectedIds = List.copyOf(Require.nonNull(expectedIds, "expectedIds"));
    }

    /** Shorthand for the canonical constructor. */
    public static SearchCase of(String name, SearchQuery query, List<CannedResponse> responses, List<String> expectedIds) {
        return new SearchCase(name, query, responses, expectedIds);
    }

    @Override
    public String toString() {
        return name;
    }
}
