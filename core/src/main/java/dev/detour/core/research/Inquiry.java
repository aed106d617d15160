package dev.detour.core.research;

import dev.detour.core.internal.Require;

/**
 * One sub-question to investigate, with the research question it serves.
 *
 * @param researchQuestion the question the whole run answers
 * @param subQuestion the sub-question to answer now
 */
public record Inquiry(String researchQuestion, String subQuestion) {

    public Inquiry {
        Require.nonBlank(researchQuestion, "researchQuestion");
        Require.nonBlank(subQuestion, "subQuestion");
    }
}
