package dev.detour.core.research;

import dev.detour.core.cost.Pricing;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.internal.Citations;
import dev.detour.core.internal.Durations;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptTarget;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepPath;
import dev.detour.core.workflow.StepRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes the Markdown of a research report from a run's outcome, or from its record when it has none;
 * for a stored run that never ended, the reason it is unfinished takes the place of how it ended.
 *
 * <p>In a grounded run every {@code [n]} of the report names one entry of its References, and every entry
 * is cited: findings are renumbered report-wide, and text from outside (titles, authors, a source's words)
 * is escaped so it cannot pass for a citation or for Markdown.
 *
 * <p>When prices are configured, the provenance table has a cost per step and the run's line its total: exact
 * sums shown to six places, "unknown" (never $0) where a model has no price.
 */
final class ReportWriter {

    private final String question;
    private final RunResult<ResearchOutcome> result;
    private final RunRecord record;
    private final Optional<String> unfinished;
    private final Pricing pricing;
    private final StringBuilder markdown = new StringBuilder();

    ReportWriter(String question, RunResult<ResearchOutcome> result, Optional<String> unfinished, Pricing pricing) {
        this.question = question.isBlank() ? "(no question)" : question.strip();
        this.result = result;
        this.record = result.record();
        this.unfinished = unfinished;
        this.pricing = pricing;
    }

    ResearchReport write() {
        Optional<ResearchOutcome> outcome = result.output();
        ResearchState state = outcome.map(ResearchOutcome::state).orElseGet(this::stateFromRecord);
        List<String> limitations = new ArrayList<>();
        incompleteness().ifPresent(limitations::add);
        outcome.ifPresent(done -> limitations.addAll(done.limitations()));
        Optional<String> synthesis = outcome.flatMap(ResearchOutcome::synthesis);
        boolean complete = result.status() == RunStatus.COMPLETED && synthesis.isPresent();
        Bibliography bibliography = Bibliography.of(state.findings());
        boolean grounded = state.findings().stream().anyMatch(Finding::isGroundingOn);

        line("# " + outside(question));
        if (!complete) {
            line("").line("> **Incomplete.** " + limitations.get(0));
        }
        section("Answer");
        line(synthesis.map(text -> grounded ? bibliography.keepingKnownCitations(text) : text).map(String::strip).orElse(
                "_No synthesized answer. The findings below are what the run gathered._"));
        List<ResearchReport.NotInvestigated> notInvestigated = notInvestigated(state);
        writeFindings(state, bibliography, notInvestigated);
        writeOpenQuestions(state, grounded ? bibliography::keepingKnownCitations : text -> text);
        if (!limitations.isEmpty()) {
            section("Limitations");
            limitations.forEach(limitation -> line("- " + limitation));
        }
        if (grounded) {
            writeReferences(bibliography.references());
        }
        writeProvenance(state);
        return new ResearchReport(question, markdown.toString(), complete, limitations, state.findings(),
                bibliography.references(), notInvestigated);
    }

    private Optional<String> incompleteness() {
        if (unfinished.isPresent()) {
            return unfinished;
        }
        return switch (result) {
            case RunResult.Completed<ResearchOutcome> completed -> Optional.empty();
            case RunResult.Failed<ResearchOutcome> failed -> Optional.of("The run failed at step `" + failed.failedStep()
                    + "`: " + firstLine(failed.failure().getMessage()) + " The findings gathered before are below.");
            case RunResult.Cancelled<ResearchOutcome> cancelled ->
                    Optional.of("The run was cancelled; the findings gathered before are below.");
            case RunResult.BudgetExhausted<ResearchOutcome> exhausted -> Optional.of("The run stopped: "
                    + exhausted.exhaustion().describe() + ". The findings gathered before are below.");
        };
    }

    private ResearchState stateFromRecord() {
        List<String> plan = record.step(ResearchWorkflow.PLAN).flatMap(step -> step.output(ResearchState.class))
                .map(ResearchState::plan).orElse(List.of());
        List<Finding> findings = record.stepsNamed(ResearchWorkflow.ANSWER).stream()
                .sorted(Comparator.comparingInt((StepRecord step) -> round(step.location()))
                        .thenComparingInt(step -> step.location().index().orElse(0)))
                .flatMap(step -> step.output(Finding.class).stream())
                .toList();
        List<ResearchState> judged = record.stepsNamed(ResearchWorkflow.JUDGE).stream()
                .flatMap(step -> step.output(ResearchState.class).stream())
                .toList();
        List<Verdict> verdicts = judged.stream().flatMap(state -> state.lastVerdict().stream()).toList();
        List<String> pending = judged.isEmpty() ? List.of() : judged.get(judged.size() - 1).pendingQuestions().stream()
                .filter(pendingQuestion -> findings.stream().noneMatch(finding -> finding.question().equals(pendingQuestion)))
                .toList();
        return new ResearchState(question, plan, findings, verdicts, pending, false);
    }

    private static int round(StepPath location) {
        return location.iteration(ResearchWorkflow.REFINE).orElse(0);
    }

    private List<ResearchReport.NotInvestigated> notInvestigated(ResearchState state) {
        Set<String> investigated = new HashSet<>();
        state.findings().forEach(finding -> investigated.add(finding.question()));
        String why = "the run stopped before this sub-question was answered";
        return state.plan().stream().filter(planned -> !investigated.contains(planned))
                .map(planned -> new ResearchReport.NotInvestigated(planned, why)).toList();
    }

    private void writeFindings(ResearchState state, Bibliography bibliography,
            List<ResearchReport.NotInvestigated> notInvestigated) {
        section("Findings");
        List<Finding> findings = state.findings();
        if (findings.isEmpty() && notInvestigated.isEmpty()) {
            line("_No sub-question was investigated._");
            return;
        }
        int number = 1;
        for (int index = 0; index < findings.size(); index++) {
            Finding finding = findings.get(index);
            if (number > 1) {
                line("");
            }
            line("### " + number++ + ". " + outside(finding.question())).line("");
            if (finding.isAnswered()) {
                line(bibliography.answer(findings, index).strip()).line("");
                line("_Source: " + finding.servedBy().orElse("unknown") + "_");
                finding.notGroundedReason().ifPresent(reason -> line("").line(
                        "_Not grounded: " + reason + "; answered from the model alone._"));
                if (finding.isUncited()) {
                    line("").line("_Uncited: the answer cites none of the " + finding.evidence().size()
                            + (finding.evidence().size() == 1 ? " evidence item" : " evidence items") + " it was given._");
                }
            } else {
                line("_Unanswered: " + outside(finding.unansweredReason().orElseThrow()) + "_");
            }
        }
        for (ResearchReport.NotInvestigated planned : notInvestigated) {
            if (number > 1) {
                line("");
            }
            line("### " + number++ + ". " + outside(planned.question())).line("");
            line("_Not investigated: " + outside(planned.reason()) + "._");
        }
    }

    private void writeReferences(List<Reference> references) {
        section("References");
        if (references.isEmpty()) {
            line("_No finding cites evidence._");
            return;
        }
        for (Reference reference : references) {
            EvidenceRecord evidence = reference.evidence();
            StringBuilder entry = new StringBuilder("- [").append(reference.number()).append("] ")
                    .append(outside(evidence.title()));
            if (!evidence.title().endsWith(".") && !evidence.title().endsWith("?") && !evidence.title().endsWith("!")) {
                entry.append('.');
            }
            if (!evidence.authors().isEmpty()) {
                List<String> authors = evidence.authors();
                entry.append(' ').append(outside(String.join(", ", authors.subList(0, Math.min(3, authors.size())))))
                        .append(authors.size() > 3 ? ", et al." : ".");
            }
            List<String> where = new ArrayList<>();
            evidence.venue().map(ReportWriter::outside).ifPresent(where::add);
            evidence.year().ifPresent(year -> where.add(String.valueOf(year)));
            if (!where.isEmpty()) {
                entry.append(' ').append(String.join(", ", where)).append('.');
            }
            if (evidence.kind() != dev.detour.core.evidence.EvidenceKind.ARTICLE) {
                entry.append(" (").append(evidence.kind().name().toLowerCase(java.util.Locale.ROOT)).append(")");
            }
            entry.append(' ').append(outside(evidence.id().toString())).append(" <").append(evidence.url()).append('>');
            line(entry.toString());
        }
    }

    private void writeOpenQuestions(ResearchState state, java.util.function.UnaryOperator<String> citations) {
        section("Open questions");
        List<String> open = new ArrayList<>();
        state.lastVerdict().filter(verdict -> !verdict.sufficient())
                .ifPresent(verdict -> verdict.gaps().forEach(gap -> open.add(citations.apply(gap))));
        state.findings().stream().filter(finding -> !finding.isAnswered())
                .forEach(finding -> open.add(outside(finding.question()) + " (unanswered)"));
        state.pendingQuestions().forEach(pending -> open.add(outside(pending) + " (not investigated)"));
        if (state.lastVerdict().isEmpty()) {
            open.add(state.findings().isEmpty()
                    ? "The question was not investigated."
                    : "The findings were not judged for sufficiency.");
        }
        if (open.isEmpty()) {
            line(state.lastVerdict().orElseThrow().sufficient()
                    ? "None: the findings were judged sufficient."
                    : "None listed, although the findings were not judged sufficient.");
        } else {
            open.forEach(item -> line("- " + item.replace("\n", " ")));
        }
    }

    private void writeProvenance(ResearchState state) {
        section("Provenance");
        if (record.steps().isEmpty()) {
            line("_No step ran._");
        } else {
            line("| Step | Served by | Inference provider | Attempts | Tokens |" + (priced() ? " Cost |" : "")
                    + " Time | Outcome |");
            line("|---|---|---|---|---|" + (priced() ? "---|" : "") + "---|---|");
            for (StepRecord step : record.steps()) {
                if (isSearch(step)) {
                    line("| " + cell(step.path())
                            + " | " + searchedBy(step)
                            + " | — | " + step.attempts().size()
                            + " | " + step.tokens().totalTokens()
                            + (priced() ? " | —" : "")
                            + " | " + Durations.human(step.duration())
                            + " | " + searchOutcome(step) + " |");
                    continue;
                }
                Optional<Attempt> served = step.servedBy().stream().reduce((first, second) -> second);
                line("| " + cell(step.path())
                        + " | " + served.map(attempt -> cell(attempt.model().toString())).orElse("—")
                        + " | " + served.flatMap(Attempt::inferenceProvider).map(ReportWriter::cell).orElse("—")
                        + " | " + step.attempts().size()
                        + " | " + step.tokens().totalTokens()
                        + (priced() ? " | " + step.cost(pricing).describe() : "")
                        + " | " + Durations.human(step.duration())
                        + " | " + outcome(step, served.isPresent()) + " |");
            }
        }
        line("").line("**Retries and fallbacks**").line("");
        List<String> notes = record.steps().stream()
                .flatMap(step -> (isSearch(step) ? searchDetour(step) : detour(step)).stream()).toList();
        if (notes.isEmpty()) {
            line(result.status() == RunStatus.COMPLETED
                    ? "None: every model call was answered by the first model it tried, at the first try."
                    : "None recorded.");
        } else {
            notes.forEach(note -> line("- " + note));
        }
        writeEvidenceSources(state);
        String status = unfinished.isPresent() ? "unfinished" : result.status().name().toLowerCase().replace('_', ' ');
        long searches = record.steps().stream()
                .mapToLong(step -> step.searchAttempts().stream().map(Attempt::target).distinct().count()).sum();
        line("").line("_Run `" + record.runId() + "`: " + status
                + ", " + record.modelCalls() + " model " + (record.modelCalls() == 1 ? "call" : "calls")
                + (searches > 0 ? ", " + searches + (searches == 1 ? " search" : " searches") : "")
                + ", " + record.tokens().totalTokens() + " tokens"
                + (priced() ? ", cost " + record.cost(pricing).describe() : "") + "._");
    }

    private boolean priced() {
        return !pricing.prices().isEmpty();
    }

    private void writeEvidenceSources(ResearchState state) {
        List<Finding> findings = state.findings();
        if (findings.stream().noneMatch(Finding::isGroundingOn)) {
            return;
        }
        line("").line("**Evidence sources**").line("");
        IntStream.range(0, findings.size()).filter(index -> findings.get(index).isGroundingOn()).forEach(index -> {
            Finding finding = findings.get(index);
            String sources = finding.sources().stream().map(source -> outside(source.describe()))
                    .collect(Collectors.joining("; "));
            String merged = finding.evidence().isEmpty()
                    ? "no evidence"
                    : finding.evidence().size() + (finding.evidence().size() == 1 ? " evidence item" : " evidence items")
                            + " after merging duplicates";
            line("- " + (index + 1) + ". " + outside(finding.question()) + ": " + sources + " (" + merged + ")");
        });
    }

    private static boolean isSearch(StepRecord step) {
        return step.name().equals(ResearchWorkflow.SEARCH) && step.modelAttempts().isEmpty();
    }

    private static String searchedBy(StepRecord step) {
        List<String> answered = step.output(GatheredEvidence.class)
                .map(gathered -> gathered.sources().stream().filter(SourceResult::answered).map(SourceResult::source).toList())
                .orElseGet(() -> step.searchAttempts().stream()
                        .filter(attempt -> attempt.outcome() == Attempt.Outcome.SUCCEEDED)
                        .map(attempt -> attempt.target().toString()).distinct().toList());
        return answered.isEmpty() ? "—" : cell(String.join(", ", answered));
    }

    private static String searchOutcome(StepRecord step) {
        return switch (step.status()) {
            case COMPLETED -> step.output(GatheredEvidence.class).map(gathered -> {
                long answered = gathered.sources().stream().filter(SourceResult::answered).count();
                return answered == gathered.sources().size() ? "ok"
                        : answered + " of " + gathered.sources().size() + " sources answered";
            }).orElse("ok");
            case FAILED -> "failed: " + step.failure().orElseThrow().type();
            case CANCELLED -> "cancelled";
            case BUDGET_EXHAUSTED -> "budget exhausted";
        };
    }

    /** What happened on the way to a search step's records, per source, if anything but a first-try answer. */
    private static Optional<String> searchDetour(StepRecord step) {
        Map<AttemptTarget, List<Attempt>> bySource = new LinkedHashMap<>();
        step.searchAttempts().forEach(attempt -> bySource.computeIfAbsent(attempt.target(), unused -> new ArrayList<>())
                .add(attempt));
        List<String> parts = new ArrayList<>();
        bySource.forEach((source, attempts) -> {
            Attempt lastAttempt = last(attempts);
            if (lastAttempt.outcome() == Attempt.Outcome.SUCCEEDED) {
                if (attempts.size() > 1) {
                    int retries = attempts.size() - 1;
                    parts.add("`" + source + "` answered after " + retries + (retries == 1 ? " retry (" : " retries (")
                            + attempts.get(0).shortReason() + ")");
                }
            } else {
                parts.add("`" + source + "` gave nothing (" + lastAttempt.shortReason()
                        + (attempts.size() > 1 ? ", " + attempts.size() + " attempts" : "") + ")");
            }
        });
        return parts.isEmpty() ? Optional.empty() : Optional.of("`" + step.path() + "`: " + String.join("; ", parts));
    }

    private static String outcome(StepRecord step, boolean served) {
        return switch (step.status()) {
            case COMPLETED -> served || step.attempts().isEmpty() ? "ok" : "no model answered";
            case FAILED -> "failed: " + step.failure().orElseThrow().type();
            case CANCELLED -> "cancelled";
            case BUDGET_EXHAUSTED -> "budget exhausted";
        };
    }

    /** What happened on the way to the answer of one step, if anything but a first-try success. */
    private static Optional<String> detour(StepRecord step) {
        List<List<Attempt>> byModel = new ArrayList<>();
        for (Attempt attempt : step.modelAttempts()) {
            if (byModel.isEmpty() || !last(byModel).get(0).model().equals(attempt.model())) {
                byModel.add(new ArrayList<>());
            }
            last(byModel).add(attempt);
        }
        if (byModel.isEmpty()) {
            return Optional.empty();
        }
        List<Attempt> finalModel = last(byModel);
        boolean answered = last(finalModel).outcome() == Attempt.Outcome.SUCCEEDED;
        List<List<Attempt>> abandoned = answered ? byModel.subList(0, byModel.size() - 1) : byModel;
        List<String> parts = new ArrayList<>();
        if (!abandoned.isEmpty()) {
            String failures = abandoned.stream().map(ReportWriter::abandonedModel).collect(Collectors.joining(", "));
            parts.add(answered
                    ? "fell back from " + failures + " to `" + finalModel.get(0).model() + "`"
                    : "no model answered: " + failures);
        }
        if (answered && finalModel.size() > 1) {
            int retries = finalModel.size() - 1;
            parts.add("`" + finalModel.get(0).model() + "` answered after " + retries
                    + (retries == 1 ? " retry (" : " retries (") + finalModel.get(0).shortReason() + ")");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of("`" + step.path() + "`: " + String.join("; ", parts));
    }

    private static String abandonedModel(List<Attempt> attempts) {
        ModelRef model = attempts.get(0).model();
        String reason = last(attempts).shortReason();
        return "`" + model + "` (" + reason + (attempts.size() > 1 ? ", " + attempts.size() + " attempts" : "") + ")";
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Text from outside (a source, a model's sub-question, a person's question) that must read as itself. */
    private static String outside(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.replace("\n", " ").toCharArray()) {
            if ("\\`*_[]<>|".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString().startsWith("#") ? "\\" + escaped : escaped.toString();
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        String first = text.strip().lines().findFirst().orElse("");
        return first.endsWith(".") || first.endsWith(":") ? first.replaceAll(":$", ".") : first + ".";
    }

    private void section(String title) {
        line("").line("## " + title).line("");
    }

    private ReportWriter line(String text) {
        markdown.append(text).append('\n');
        return this;
    }
}
