package dev.detour.core.research;

import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.StoredRun;
import java.util.List;
import java.util.Optional;

/**
 * The Markdown report of a research run: the answer, the findings per sub-question, the open
 * questions, the references a grounded run cites, and the provenance of every step (which model and
 * inference provider served it, every fallback taken, which sources answered or failed).
 *
 * <p>It is written for every run, not only completed ones: when synthesis failed or the run stopped
 * early, the report holds what the run gathered, marked incomplete with the reason.
 *
 * @param question the research question
 * @param markdown the report
 * @param complete whether the run completed with a synthesized answer
 * @param limitations what a reader should know about the result's gaps, one sentence each
 * @param findings the findings the report lists, in its order
 * @param references the evidence the report cites, under the numbers its {@code [n]} use; empty when not grounded
 * @param notInvestigated the planned sub-questions the run stopped before investigating, in plan order, each
 *     with why; with {@code findings} they hold every planned sub-question
 */
public record ResearchReport(
        String question,
        String markdown,
        boolean complete,
        List<String> limitations,
        List<Finding> findings,
        List<Reference> references,
        List<NotInvestigated> notInvestigated) {

    /**
     * A planned sub-question the run did not investigate.
     *
     * @param question the sub-question
     * @param reason why it was not investigated, such as that the run was cancelled first
     */
    public record NotInvestigated(String question, String reason) {

        public NotInvestigated {
            Require.nonBlank(question, "question");
            Require.nonBlank(reason, "reason");
        }
    }

    public ResearchReport {
        Require.nonNull(question, "question");
        Require.nonNull(markdown, "markdown");
        limitations = List.copyOf(Require.nonNull(limitations, "limitations"));
        findings = List.copyOf(Require.nonNull(findings, "findings"));
        references = List.copyOf(Require.nonNull(references, "references"));
        notInvestigated = List.copyOf(Require.nonNull(notInvestigated, "notInvestigated"));
    }

    /** A report in which every planned sub-question was investigated. */
    public ResearchReport(String question, String markdown, boolean complete, List<String> limitations, List<Finding> findings,
            List<Reference> references) {
        this(question, markdown, complete, limitations, findings, references, List.of());
    }

    /** A report that cites no evidence. */
    public ResearchReport(String question, String markdown, boolean complete, List<String> limitations, List<Finding> findings) {
        this(question, markdown, complete, limitations, findings, List.of());
    }

    /** The report of a research run, however it ended, with no costs (no model is priced). */
    public static ResearchReport of(String question, RunResult<ResearchOutcome> result) {
        return of(question, result, Pricing.none());
    }

    /** The report of a research run, however it ended, with each step's cost and the run's at {@code pricing}. */
    public static ResearchReport of(String question, RunResult<ResearchOutcome> result, Pricing pricing) {
        Require.nonNull(question, "question");
        Require.nonNull(result, "result");
        Require.nonNull(pricing, "pricing");
        return new ReportWriter(question, result, Optional.empty(), pricing).write();
    }

    /**
     * The report of a stored research run: as it was written when the run ended, or, for a run that did
     * not finish, of what it had stored, marked incomplete.
     *
     * @throws IllegalArgumentException if the run is not a research run
     */
    public static ResearchReport of(StoredRun stored) {
        return of(stored, Pricing.none());
    }

    /**
     * The report of a stored research run, as {@link #of(StoredRun)}, with each step's cost and the run's at
     * {@code pricing}.
     *
     * @throws IllegalArgumentException if the run is not a research run
     */
    @SuppressWarnings("unchecked")
    public static ResearchReport of(StoredRun stored, Pricing pricing) {
        Require.nonNull(stored, "stored");
        Require.nonNull(pricing, "pricing");
        if (!stored.start().workflow().equals(ResearchWorkflow.NAME)) {
            throw new IllegalArgumentException("run " + stored.runId() + " ran the workflow \"" + stored.start().workflow()
                    + "\", not a research run; it has no research report");
        }
        String question = String.valueOf(stored.start().input());
        Optional<RunResult<Object>> ended = stored.result();
        if (ended.isPresent()) {
            return of(question, (RunResult<ResearchOutcome>) (RunResult<?>) ended.get(), pricing);
        }
        return new ReportWriter(question, new RunResult.Cancelled<>(stored.record()), Optional.of(
                "The run did not finish: its process stopped before the run ended. Resume it to finish it;"
                        + " the findings it had stored are below."), pricing).write();
    }
}
