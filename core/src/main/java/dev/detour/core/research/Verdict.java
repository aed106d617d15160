package dev.detour.core.research;

import dev.detour.core.internal.Require;
import dev.detour.core.model.Description;
import java.util.List;

/**
 * A model's judgement of whether the findings so far answer the question, and what to ask next if
 * not. It is the structured output of the judge step.
 *
 * @param sufficient whether the findings answer the question well
 * @param gaps what is still missing
 * @param followUpQuestions new sub-questions that would close the gaps
 */
@Description("Whether research findings are enough to answer a question.")
public record Verdict(
        @Description("true if the findings are enough to answer the question well.") boolean sufficient,
        @Description("What is still missing or uncertain; empty when sufficient.") List<String> gaps,
        @Description("At most 3 new sub-questions that would close the gaps; empty when sufficient.")
        List<String> followUpQuestions) {

    public Verdict {
        gaps = List.copyOf(Require.nonNull(gaps, "gaps"));
        followUpQuestions = List.copyOf(Require.nonNull(followUpQuestions, "followUpQuestions"));
    }
}
