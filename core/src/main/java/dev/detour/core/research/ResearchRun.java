package dev.detour.core.research;

import dev.detour.core.internal.Require;
import dev.detour.core.workflow.RunResult;

/**
 * A finished research run: how it ended, with its record, and its report.
 *
 * @param question the research question
 * @param result how the run ended, with the record of every step
 * @param report the Markdown report, written however the run ended
 */
public record ResearchRun(String question, RunResult<ResearchOutcome> result, ResearchReport report) {

    public ResearchRun {
        Require.nonNull(question, "question");
        Require.nonNull(result, "result");
        Require.nonNull(report, "report");
    }
}
