package dev.detour.core.research;

import dev.detour.core.internal.Require;
import dev.detour.core.model.Description;
import java.util.List;

/**
 * A model's plan for a research question: the sub-questions to investigate. It is the structured
 * output of the plan step; a plan with no usable sub-question does not decode, so the chain treats it
 * as a malformed answer of that model.
 *
 * @param subQuestions the sub-questions, none blank
 */
@Description("A plan for researching a question.")
public record ResearchPlan(
        @Description("3 to 6 focused sub-questions that together answer the question, each answerable on its own.")
        List<String> subQuestions) {

    public ResearchPlan {
        subQuestions = List.copyOf(Require.nonNull(subQuestions, "subQuestions"));
        if (subQuestions.isEmpty()) {
            throw new IllegalArgumentException("subQuestions must hold at least one sub-question, was []");
        }
        for (String subQuestion : subQuestions) {
            Require.nonBlank(subQuestion, "subQuestions[" + subQuestions.indexOf(subQuestion) + "]");
        }
    }
}
