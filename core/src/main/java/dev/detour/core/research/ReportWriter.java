package dev.detour.core.research;

import dev.detour.core.internal.Durations;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepPath;
import dev.detour.core.workflow.StepRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the Markdown of a research report from a run's outcome, or from its record when it has none;
 * for a stored run that never ended, the reason it is unfinished takes the place of how it ended.
 */
final class ReportWriter {

    private final String question;
    private final RunResult<ResearchOutcome> result;
    private final RunRecord record;
    private final Optional<String> unfinished;
    private final StringBuilder markdown = new StringBuilder();

    ReportWriter(String question, RunResult<ResearchOutcome> result, Optional<String> unfinished) {
        this.question = question.isBlank() ? "(no question)" : question.strip();
        this.result = result;
        this.record = result.record();
        this.unfinished = unfinished;
    }

    ResearchReport write() {
        Optional<ResearchOutcome> outcome = result.output();
        ResearchState state = outcome.map(ResearchOutcome::state).orElseGet(this::stateFromRecord);
        List<String> limitations = new ArrayList<>();
        incompleteness().ifPresent(limitations::add);
        outcome.ifPresent(done -> limitations.addAll(done.limitations()));
        Optional<String> synthesis = outcome.flatMap(ResearchOutcome::synthesis);
        boolean complete = result.status() == RunStatus.COMPLETED && synthesis.isPresent();

        line("# " + question.replace("\n", " "));
        if (!complete) {
            line("").line("> **Incomplete.** " + limitations.get(0));
        }
        section("Answer");
        line(synthesis.map(String::strip).orElse(
                "_No synthesized answer. The findings below are what the run gathered._"));
        writeFindings(state);
        writeOpenQuestions(state);
        if (!limitations.isEmpty()) {
            section("Limitations");
            limitations.forEach(limitation -> line("- " + limitation));
        }
        writeProvenance();
        return new ResearchReport(question, markdown.toString(), complete, limitations, state.findings());
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

    private void writeFindings(ResearchState state) {
        section("Findings");
        if (state.findings().isEmpty()) {
            line("_No sub-question was investigated._");
            return;
        }
        int number = 1;
        for (Finding finding : state.findings()) {
            if (number > 1) {
                line("");
            }
            line("### " + number++ + ". " + finding.question().replace("\n", " ")).line("");
            if (finding.isAnswered()) {
                line(finding.answer().strip()).line("");
                line("_Source: " + finding.servedBy().orElse("unknown") + "_");
            } else {
                line("_Unanswered: " + finding.unansweredReason().orElseThrow() + "_");
            }
        }
    }

    private void writeOpenQuestions(ResearchState state) {
        section("Open questions");
        List<String> open = new ArrayList<>();
        state.lastVerdict().filter(verdict -> !verdict.sufficient()).ifPresent(verdict -> open.addAll(verdict.gaps()));
        state.findings().stream().filter(finding -> !finding.isAnswered())
                .forEach(finding -> open.add(finding.question() + " (unanswered)"));
        state.pendingQuestions().forEach(pending -> open.add(pending + " (not investigated)"));
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

    private void writeProvenance() {
        section("Provenance");
        if (record.steps().isEmpty()) {
            line("_No step ran._");
        } else {
            line("| Step | Served by | Inference provider | Attempts | Tokens | Time | Outcome |");
            line("|---|---|---|---|---|---|---|");
            for (StepRecord step : record.steps()) {
                Optional<Attempt> served = step.servedBy().stream().reduce((first, second) -> second);
                line("| " + cell(step.path())
                        + " | " + served.map(attempt -> cell(attempt.model().toString())).orElse("—")
                        + " | " + served.flatMap(Attempt::inferenceProvider).map(ReportWriter::cell).orElse("—")
                        + " | " + step.attempts().size()
                        + " | " + step.tokens().totalTokens()
                        + " | " + Durations.human(step.duration())
                        + " | " + outcome(step, served.isPresent()) + " |");
            }
        }
        line("").line("**Retries and fallbacks**").line("");
        List<String> notes = record.steps().stream().flatMap(step -> detour(step).stream()).toList();
        if (notes.isEmpty()) {
            line(result.status() == RunStatus.COMPLETED
                    ? "None: every model call was answered by the first model it tried, at the first try."
                    : "None recorded.");
        } else {
            notes.forEach(note -> line("- " + note));
        }
        String status = unfinished.isPresent() ? "unfinished" : result.status().name().toLowerCase().replace('_', ' ');
        line("").line("_Run `" + record.runId() + "`: " + status
                + ", " + record.modelCalls() + " model " + (record.modelCalls() == 1 ? "call" : "calls")
                + ", " + record.tokens().totalTokens() + " tokens._");
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
        for (Attempt attempt : step.attempts()) {
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
