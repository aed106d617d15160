package dev.detour.core.research;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.internal.Require;
import java.util.List;

/**
 * What the search of one sub-question gathered: the merged evidence, numbered from 1 in this order, and
 * what each source gave. It is the output of the search step and the input of the answer step.
 *
 * @param inquiry the sub-question searched
 * @param evidence the records it is answered from, deduplicated across sources; item {@code n - 1} is {@code [n]}
 * @param sources what each source searched gave, in the configured order
 */
public record GatheredEvidence(Inquiry inquiry, List<EvidenceRecord> evidence, List<SourceResult> sources) {

    public GatheredEvidence {
        Require.nonNull(inquiry, "inquiry");
        evidence = List.copyOf(Require.nonNull(evidence, "evidence"));
        sources = List.copyOf(Require.nonNull(sources, "sources"));
    }
}
