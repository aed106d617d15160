package dev.detour.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Short, deterministic prose about a prompt's subject, so that a simulated research report reads like a
 * real one: sub-questions, gaps and answers that name the question. It knows nothing of the subject;
 * every text answer still says it was simulated.
 */
final class Prose {

    private static final Pattern SUB_QUESTION = Pattern.compile("Sub-question: (.+?)(?: Evidence: .*)?$");
    private static final Pattern NUMBERED = Pattern.compile("(?:^| )\\[(\\d{1,3})] ");
    private static final int MOST_CITED = 3;
    private static final Pattern QUESTION = Pattern.compile("^Question: (.+?)(?: Findings: .*)?$");
    private static final Pattern WH_AUXILIARY =
            Pattern.compile("^(why|how|when|where|what|which|who) (?:do|does|did) (.+)$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SUBJECT = 160;

    private static final List<String> QUESTIONS = List.of(
            "%s What is the main mechanism behind it?",
            "%s Which observations or measurements support that explanation?",
            "%s Which conditions strengthen, weaken or change it?",
            "%s What do common explanations get wrong?",
            "%s How has the understanding of it changed over time?",
            "%s What is still uncertain about it?");

    private static final List<String> GAPS = List.of(
            "The findings name the mechanism behind %s but give no figures for its size.",
            "Local conditions that change %s are mentioned only in passing.",
            "No finding compares the explanation of %s with direct observations.");

    /** An answer for each of {@link #QUESTIONS}, in the same order. */
    private static final List<String> ASPECT_ANSWERS = List.of(
            "In short, one main mechanism accounts for most of it, and a few secondary effects shape the details."
                    + " The explanation has held up under long series of measurements.",
            "Long series of measurements agree with that explanation: the predicted timing matches what is observed,"
                    + " within the scatter that local conditions add.",
            "Geometry and the local surroundings matter most: they can strengthen the effect, damp it or shift its"
                    + " timing, without changing the underlying cause.",
            "A common simplification leaves out the secondary effects, which is why popular accounts often get the"
                    + " timing right but the size wrong.",
            "Early accounts were qualitative; better measurements later made the explanation quantitative and showed"
                    + " where local effects dominate.",
            "The broad cause is settled; what remains uncertain are the local figures, which rest partly on estimates"
                    + " rather than direct measurements.");

    private static final List<String> ANSWERS = List.of(
            "The usual explanation rests on one main mechanism, with a few secondary effects that shape the details."
                    + " Observations over many cycles agree with it, although local conditions shift the timing and size"
                    + " of what is seen.",
            "Most sources agree on the broad picture: a single driving cause, modulated by geometry and by the"
                    + " surroundings. The details vary from place to place, and some of the figures quoted are"
                    + " estimates rather than measurements.");

    private static final String SIGNATURE = " (Written by Detour's provider simulator, not by a model.)";

    private Prose() {}

    /** What a prompt asks about: its sub-question or question when it labels one, else the prompt itself. */
    static String subject(String prompt) {
        Matcher sub = SUB_QUESTION.matcher(prompt);
        if (sub.find()) {
            return Answers.excerpt(sub.group(1).strip(), MAX_SUBJECT);
        }
        Matcher question = QUESTION.matcher(prompt);
        String subject = question.matches() ? question.group(1) : prompt;
        return Answers.excerpt(subject.strip(), MAX_SUBJECT);
    }

    /**
     * A string value for a structured answer's property {@code name} (item {@code index}, from 1, of an array;
     * 0 otherwise): a question or a gap where the name says so, else a labelled placeholder.
     */
    static String item(String name, int index, String subject) {
        String lower = name.toLowerCase(Locale.ROOT);
        int position = Math.max(0, index - 1);
        if (!subject.isBlank() && lower.contains("question")) {
            return QUESTIONS.get(position % QUESTIONS.size()).formatted(asQuestion(subject));
        }
        if (!subject.isBlank() && lower.contains("gap")) {
            return GAPS.get(position % GAPS.size()).formatted(clause(subject));
        }
        return "[simulated] " + name + (index > 0 ? " " + index : "") + ": " + subject;
    }

    /**
     * A plain-text answer about the prompt's subject, labelled with who is said to answer: an answer to the
     * aspect a sub-question asks about, a summary for a question with findings, else a generic paragraph that
     * quotes the prompt. Given numbered evidence or references, it cites the first few of them as {@code [n]},
     * one a sentence, as a grounded model would.
     */
    static String answer(String prompt, String answeredBy) {
        String label = "[simulated by " + answeredBy + "] ";
        List<Integer> citable = citable(prompt);
        String body = body(prompt);
        return label + (citable.isEmpty() ? body : cited(body, citable)) + SIGNATURE;
    }

    /** The numbers listed after the prompt's {@code Evidence:} or {@code References:}, in order; empty if none. */
    static List<Integer> citable(String prompt) {
        int evidence = prompt.lastIndexOf(" Evidence: ");
        int references = prompt.lastIndexOf(" References: ");
        int from = Math.max(evidence, references);
        if (from < 0) {
            return List.of();
        }
        List<Integer> numbers = new ArrayList<>();
        String listed = prompt.substring(from + (from == evidence ? " Evidence:" : " References:").length());
        Matcher item = NUMBERED.matcher(listed);
        while (item.find()) {
            numbers.add(Integer.parseInt(item.group(1)));
        }
        return numbers;
    }

    private static String cited(String body, List<Integer> citable) {
        String[] sentences = body.split("(?<=\\.) ");
        List<Integer> cited = citable.subList(0, Math.min(MOST_CITED, citable.size()));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences.length; i++) {
            String sentence = sentences[i];
            if (i < cited.size() && sentence.endsWith(".")) {
                sentence = sentence.substring(0, sentence.length() - 1) + " [" + cited.get(i) + "].";
            }
            text.append(i == 0 ? "" : " ").append(sentence);
        }
        if (cited.size() > sentences.length) {
            text.append(" See also ").append(cited.subList(sentences.length, cited.size()).stream()
                    .map(number -> "[" + number + "]").collect(Collectors.joining(", "))).append('.');
        }
        return text.toString();
    }

    private static String body(String prompt) {
        Matcher sub = SUB_QUESTION.matcher(prompt);
        if (sub.find()) {
            String subQuestion = sub.group(1).strip();
            for (int aspect = 0; aspect < QUESTIONS.size(); aspect++) {
                if (subQuestion.endsWith(QUESTIONS.get(aspect).substring("%s ".length()))) {
                    return ASPECT_ANSWERS.get(aspect);
                }
            }
        }
        Matcher question = QUESTION.matcher(prompt);
        if (question.matches() && prompt.contains(" Findings: ")) {
            String clause = clause(question.group(1));
            return "In short, " + clause + " comes down to one main mechanism (see the first finding),"
                    + " which long series of measurements support. Local conditions change the size and timing of the"
                    + " effect, not its cause; the findings below give the details.";
        }
        String subject = subject(prompt);
        return "On \"" + subject + "\": " + ANSWERS.get(Math.floorMod(subject.hashCode(), ANSWERS.size()));
    }

    private static String asQuestion(String subject) {
        String text = subject.strip();
        return text.endsWith("?") ? text : clause(text) + "?";
    }

    /** The question as a clause to embed in a sentence: {@code Why do tides happen?} reads {@code why tides happen}. */
    static String clause(String question) {
        String text = question.strip();
        while (text.endsWith("?") || text.endsWith(".") || text.endsWith("…")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        Matcher auxiliary = WH_AUXILIARY.matcher(text);
        if (auxiliary.matches()) {
            text = auxiliary.group(1) + " " + auxiliary.group(2);
        }
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && !Character.isUpperCase(text.charAt(1))) {
            text = Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }
}
