package dev.detour.core.evidence;

import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.SourceRef;
import java.util.List;
import java.util.Optional;

/**
 * How one search ended for the step that asked for it: the records the source returned, or the try that
 * ended it without records. A source failing is an outcome, not an exception, because the step goes on
 * with whatever the other sources returned.
 *
 * @param source the source searched
 * @param query what it was searched for
 * @param records what it returned, best first, at most the query's limit; empty when it failed
 * @param failure the failed or skipped attempt the search ended with; empty when the source answered
 */
public record SearchOutcome(SourceRef source, SearchQuery query, List<EvidenceRecord> records, Optional<Attempt> failure) {

    public SearchOutcome {
        Require.nonNull(source, "source");
        Require.nonNull(query, "query");
        records = List.copyOf(Require.nonNull(records, "records"));
        Require.nonNull(failure, "failure");
        if (failure.isPresent()) {
            if (!records.isEmpty()) {
                throw new IllegalArgumentException("a failed search has no records, was " + records.size());
            }
            if (failure.get().outcome() == Attempt.Outcome.SUCCEEDED) {
                throw new IllegalArgumentException("a search's failure is a failed or skipped attempt, was a success");
            }
        }
        if (records.size() > query.limit()) {
            throw new IllegalArgumentException("records must be at most the query's limit " + query.limit() + ", was "
                    + records.size());
        }
    }

    /** The source answered with {@code records} (perhaps none). */
    public static SearchOutcome found(SourceSearch search, List<EvidenceRecord> records) {
        return new SearchOutcome(search.source(), search.query(), records, Optional.empty());
    }

    /** The source gave no answer; {@code last} says why. */
    public static SearchOutcome failed(SourceSearch search, Attempt last) {
        return new SearchOutcome(search.source(), search.query(), List.of(), Optional.of(Require.nonNull(last, "last")));
    }

    /** Whether the source answered, with records or without. */
    public boolean answered() {
        return failure.isEmpty();
    }
}
