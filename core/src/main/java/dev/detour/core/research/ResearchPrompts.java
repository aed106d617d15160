package dev.detour.core.research;

import dev.detour.core.model.ChatMessage;
import java.util.List;
import java.util.stream.Collectors;

/** The messages each research step sends. */
final class ResearchPrompts {

    private ResearchPrompts() {}

    static List<ChatMessage> plan(String question, int maxSubQuestions) {
        return List.of(
                ChatMessage.system("You plan research. Break the user's question into "
                        + Math.min(3, maxSubQuestions) + " to " + maxSubQuestions
                        + " focused sub-questions that together answer it. Each sub-question must be answerable on"
                        + " its own. Reply only with JSON that follows the given schema."),
                ChatMessage.user(question));
    }

    static List<ChatMessage> answer(Inquiry inquiry) {
        return List.of(
                ChatMessage.system("You are a careful researcher. Answer the sub-question concisely and factually,"
                        + " in the context of the main question. Say plainly what is uncertain or unknown."),
                ChatMessage.user("Main question: " + inquiry.researchQuestion() + "\nSub-question: " + inquiry.subQuestion()));
    }

    static List<ChatMessage> judge(ResearchState state) {
        return List.of(
                ChatMessage.system("You review research. Decide whether the findings are enough to answer the question"
                        + " well. If not, name the gaps and propose at most 3 new sub-questions that would close them."
                        + " Reply only with JSON that follows the given schema."),
                ChatMessage.user("Question: " + state.question() + "\n\nFindings:\n" + findings(state)));
    }

    static List<ChatMessage> synthesize(ResearchState state) {
        return List.of(
                ChatMessage.system("You write the answer section of a research report in Markdown. Answer the question"
                        + " directly from the findings, cite sub-questions where useful, and do not invent facts that"
                        + " the findings do not support. Do not add a title."),
                ChatMessage.user("Question: " + state.question() + "\n\nFindings:\n" + findings(state)));
    }

    private static String findings(ResearchState state) {
        if (state.findings().isEmpty()) {
            return "(none yet)";
        }
        return state.findings().stream()
                .map(finding -> "- " + finding.question() + "\n  " + (finding.isAnswered()
                        ? finding.answer().strip().replace("\n", "\n  ")
                        : "(unanswered: " + finding.unansweredReason().orElseThrow() + ")"))
                .collect(Collectors.joining("\n"));
    }
}
