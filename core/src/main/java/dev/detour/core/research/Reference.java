package dev.detour.core.research;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.internal.Require;

/**
 * One entry of a report's References: a piece of evidence some finding cited, under the number every
 * {@code [n]} of the report uses for it.
 *
 * @param number its number in the report, from 1
 * @param evidence what it is
 */
public record Reference(int number, EvidenceRecord evidence) {

    public Reference {
        Require.positive(number, "number");
        Require.nonNull(evidence, "evidence");
    }
}
