package dev.detour.core.evidence;

import dev.detour.core.internal.Require;
import dev.detour.core.model.SourceRef;

/**
 * One search a step asks for: which source, and what to search it for.
 *
 * @param source the source to search
 * @param query what to search for, and how many records at most
 */
public record SourceSearch(SourceRef source, SearchQuery query) {

    public SourceSearch {
        Require.nonNull(source, "source");
        Require.nonNull(query, "query");
    }

    /** Shorthand for the canonical constructor. */
    public static SourceSearch of(SourceRef source, SearchQuery query) {
        return new SourceSearch(source, query);
    }
}
