package dev.detour.core.research;

import dev.detour.core.internal.Require;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a research run stands: the question, the planned sub-questions, the findings and verdicts so
 * far, and the follow-up questions the last verdict left to investigate.
 *
 * @param question the research question
 * @param plan the planned sub-questions
 * @param findings every finding, in the order the questions were asked
 * @param verdicts every judgement, oldest first
 * @param pendingQuestions follow-up questions not yet investigated
 * @param settled whether refining is over: the last verdict found the findings sufficient or left
 *     nothing new to ask
 */
public record ResearchState(
        String question,
        List<String> plan,
        List<Finding> findings,
        List<Verdict> verdicts,
        List<String> pendingQuestions,
        boolean settled) {

    public ResearchState {
        Require.nonBlank(question, "question");
        plan = List.copyOf(Require.nonNull(plan, "plan"));
        findings = List.copyOf(Require.nonNull(findings, "findings"));
        verdicts = List.copyOf(Require.nonNull(verdicts, "verdicts"));
        pendingQuestions = List.copyOf(Require.nonNull(pendingQuestions, "pendingQuestions"));
    }

    static ResearchState planned(String question, List<String> plan) {
        return new ResearchState(question, plan, List.of(), List.of(), List.of(), false);
    }

    /** The plan's sub-questions as inquiries. */
    List<Inquiry> planInquiries() {
        return plan.stream().map(subQuestion -> new Inquiry(question, subQuestion)).toList();
    }

    /** The pending follow-up questions as inquiries. */
    List<Inquiry> pendingInquiries() {
        return pendingQuestions.stream().map(subQuestion -> new Inquiry(question, subQuestion)).toList();
    }

    /** This state with {@code more} findings added and no question pending. */
    ResearchState withFindings(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new ResearchState(question, plan, all, verdicts, List.of(), settled);
    }

    /**
     * This state with {@code verdict} added, and as pending questions those of its follow-ups not asked
     * before, at most {@code maxNew}.
     */
    ResearchState withVerdict(Verdict verdict, int maxNew) {
        List<Verdict> all = new ArrayList<>(verdicts);
        all.add(verdict);
        Set<String> asked = new HashSet<>();
        plan.forEach(subQuestion -> asked.add(normalized(subQuestion)));
        findings.forEach(finding -> asked.add(normalized(finding.question())));
        List<String> fresh = verdict.sufficient()
                ? List.of()
                : verdict.followUpQuestions().stream()
                        .filter(candidate -> !candidate.isBlank())
                        .filter(candidate -> asked.add(normalized(candidate)))
                        .limit(maxNew)
                        .toList();
        return new ResearchState(question, plan, findings, all, fresh, verdict.sufficient() || fresh.isEmpty());
    }

    /** The latest verdict, if the findings were judged. */
    public Optional<Verdict> lastVerdict() {
        return verdicts.isEmpty() ? Optional.empty() : Optional.of(verdicts.get(verdicts.size() - 1));
    }

    /** {@code text} as compared with other questions: case, spacing and closing punctuation aside. */
    static String normalized(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s?.!]+", " ").strip();
    }
}
