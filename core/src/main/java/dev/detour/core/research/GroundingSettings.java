package dev.detour.core.research;

import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.internal.Require;
import dev.detour.core.model.SourceRef;
import java.util.HashSet;
import java.util.List;

/**
 * Whether and how a research run grounds its answers in evidence: which sources it searches for each
 * sub-question (in the order reports list them), how many records it asks each for, and how many it gives
 * the model after merging them. With no sources, grounding is off and answers come from the models alone.
 *
 * @param sources the configured names of the sources to search, in order, none twice; empty for grounding off
 * @param resultsPerSource the most records asked of each source per sub-question, 1 to {@value SearchQuery#MAX_LIMIT}
 * @param maxEvidencePerQuestion the most merged, deduplicated records one sub-question is answered from, at least 1
 */
public record GroundingSettings(List<String> sources, int resultsPerSource, int maxEvidencePerQuestion) {

    /** How many records each source is asked for unless set otherwise. */
    public static final int DEFAULT_RESULTS_PER_SOURCE = 5;

    /** How many records a sub-question is answered from at most unless set otherwise. */
    public static final int DEFAULT_MAX_EVIDENCE_PER_QUESTION = 8;

    public GroundingSettings {
        sources = List.copyOf(Require.nonNull(sources, "sources"));
        HashSet<String> seen = new HashSet<>();
        for (String source : sources) {
            SourceRef.of(source);
            if (!seen.add(source)) {
                throw new IllegalArgumentException("sources must name each source once, was " + sources);
            }
        }
        if (resultsPerSource < 1 || resultsPerSource > SearchQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("resultsPerSource must be between 1 and " + SearchQuery.MAX_LIMIT
                    + ", was " + resultsPerSource);
        }
        Require.positive(maxEvidencePerQuestion, "maxEvidencePerQuestion");
    }

    /** No grounding: no source is searched. */
    public static GroundingSettings off() {
        return new GroundingSettings(List.of(), DEFAULT_RESULTS_PER_SOURCE, DEFAULT_MAX_EVIDENCE_PER_QUESTION);
    }

    /** Grounding in {@code sources}, in this order, with the default limits. */
    public static GroundingSettings of(List<String> sources) {
        return new GroundingSettings(sources, DEFAULT_RESULTS_PER_SOURCE, DEFAULT_MAX_EVIDENCE_PER_QUESTION);
    }

    /** Whether any source is searched. */
    public boolean enabled() {
        return !sources.isEmpty();
    }

    public GroundingSettings withResultsPerSource(int value) {
        return new GroundingSettings(sources, value, maxEvidencePerQuestion);
    }

    public GroundingSettings withMaxEvidencePerQuestion(int value) {
        return new GroundingSettings(sources, resultsPerSource, value);
    }
}
