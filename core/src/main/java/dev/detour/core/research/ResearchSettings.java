package dev.detour.core.research;

import dev.detour.core.internal.Require;

/**
 * How a research run explores: how many refine rounds, how many sub-questions at once, how long answers
 * may be, and whether they are grounded in evidence. Budgets (tokens, calls, time) are the run's, not
 * these settings'.
 *
 * @param maxIterations the most judge-and-refine rounds, at least 1
 * @param parallelism the most sub-questions investigated at once, at least 1
 * @param maxSubQuestions the most sub-questions taken from a plan, at least 1
 * @param maxFollowUps the most new questions taken from one verdict, at least 1
 * @param answerTokens the output-token limit of one sub-question's answer
 * @param reportTokens the output-token limit of the synthesized answer
 * @param grounding which evidence sources each sub-question is searched in; off by default
 */
public record ResearchSettings(
        int maxIterations,
        int parallelism,
        int maxSubQuestions,
        int maxFollowUps,
        int answerTokens,
        int reportTokens,
        GroundingSettings grounding) {

    public ResearchSettings {
        Require.positive(maxIterations, "maxIterations");
        Require.positive(parallelism, "parallelism");
        Require.positive(maxSubQuestions, "maxSubQuestions");
        Require.positive(maxFollowUps, "maxFollowUps");
        Require.positive(answerTokens, "answerTokens");
        Require.positive(reportTokens, "reportTokens");
        Require.nonNull(grounding, "grounding");
    }

    /** Settings without grounding: answers come from the models alone. */
    public ResearchSettings(
            int maxIterations, int parallelism, int maxSubQuestions, int maxFollowUps, int answerTokens, int reportTokens) {
        this(maxIterations, parallelism, maxSubQuestions, maxFollowUps, answerTokens, reportTokens, GroundingSettings.off());
    }

    /** Three refine rounds, four sub-questions at once, at most six sub-questions and three follow-ups, no grounding. */
    public static ResearchSettings defaults() {
        return new ResearchSettings(3, 4, 6, 3, 700, 1200);
    }

    public ResearchSettings withMaxIterations(int value) {
        return new ResearchSettings(value, parallelism, maxSubQuestions, maxFollowUps, answerTokens, reportTokens, grounding);
    }

    public ResearchSettings withParallelism(int value) {
        return new ResearchSettings(maxIterations, value, maxSubQuestions, maxFollowUps, answerTokens, reportTokens, grounding);
    }

    /** These settings grounding every sub-question in {@code value}'s sources. */
    public ResearchSettings withGrounding(GroundingSettings value) {
        return new ResearchSettings(maxIterations, parallelism, maxSubQuestions, maxFollowUps, answerTokens, reportTokens, value);
    }
}
