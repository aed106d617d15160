package dev.detour.core.research;

import dev.detour.core.evidence.SearchOutcome;
import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one evidence source gave one sub-question, for the report's provenance: how many records, or why
 * none (kind, status and the source's own words, cleaned and without secrets).
 *
 * @param source the source's configured name
 * @param records how many records it returned, before duplicates across sources were merged
 * @param kind the kind of its failure, when it failed with a classified error
 * @param httpStatus the HTTP status of its failure, if it had one
 * @param failure why it gave nothing, when it did not answer: the source's words, or why it was skipped
 */
public record SourceResult(
        String source, int records, Optional<ErrorKind> kind, OptionalInt httpStatus, Optional<String> failure) {

    public SourceResult {
        Require.nonBlank(source, "source");
        Require.notNegative(records, "records");
        Require.nonNull(kind, "kind");
        Require.nonNull(httpStatus, "httpStatus");
        Require.nonNull(failure, "failure");
        if (failure.isPresent() && records > 0) {
            throw new IllegalArgumentException("a source that failed returned no records, was " + records);
        }
    }

    /** What {@code outcome} says about its source. */
    static SourceResult of(SearchOutcome outcome) {
        String source = outcome.source().name();
        if (outcome.failure().isEmpty()) {
            return new SourceResult(source, outcome.records().size(), Optional.empty(), OptionalInt.empty(), Optional.empty());
        }
        Attempt last = outcome.failure().get();
        String why = last.outcome() == Attempt.Outcome.SKIPPED
                ? "skipped (" + last.skipReason().orElseThrow().description() + ")"
                        + (last.message().equals(last.skipReason().get().description()) ? "" : ": " + last.message())
                : last.message();
        return new SourceResult(source, 0, last.kind(), last.httpStatus(), Optional.of(why));
    }

    /** The source is named by the settings but not one the engine can search. */
    static SourceResult unavailable(String source) {
        return new SourceResult(source, 0, Optional.empty(), OptionalInt.empty(),
                Optional.of("not one of the engine's evidence sources; configure it or leave it out of the sources to use"));
    }

    /** The sub-question has no words a source could be searched for. */
    static SourceResult nothingToSearch(String source) {
        return new SourceResult(source, 0, Optional.empty(), OptionalInt.empty(),
                Optional.of("not searched: the sub-question has no words to search for"));
    }

    /** Whether the source answered, with records or without. */
    public boolean answered() {
        return failure.isEmpty();
    }

    /** {@code pubmed: 5 records}, or {@code pubmed: failed (RateLimited, HTTP 429): Too Many Requests}. */
    public String describe() {
        if (answered()) {
            return source + ": " + records + (records == 1 ? " record" : " records");
        }
        String why = failure.orElseThrow();
        if (kind.isEmpty() && httpStatus.isEmpty()) {
            return source + ": " + (why.startsWith("skipped") ? why : "failed: " + why);
        }
        StringBuilder line = new StringBuilder(source).append(": failed (")
                .append(kind.map(ErrorKind::displayName).orElse("unexpected error"));
        httpStatus.ifPresent(status -> line.append(", HTTP ").append(status));
        return line.append("): ").append(why).toString();
    }
}
