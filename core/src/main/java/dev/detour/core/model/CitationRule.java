package dev.detour.core.model;

import dev.detour.core.internal.Citations;
import dev.detour.core.internal.Require;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rule that an answer cites, as {@code [n]}, only evidence its request gave: numbers 1 to
 * {@code evidenceCount}. An answer citing {@code [9]} of 3 given items is malformed; one citing nothing is
 * not (whoever gave the evidence decides what an uncited answer means).
 *
 * @param evidenceCount how many numbered items of evidence the request gave, at least 0
 */
public record CitationRule(int evidenceCount) implements AnswerRule {

    public CitationRule {
        Require.notNegative(evidenceCount, "evidenceCount");
    }

    /** The numbers {@code text} cites that name no given evidence, in order of first citation. */
    public List<Integer> rejected(String text) {
        return Citations.numbers(text).stream().filter(number -> number < 1 || number > evidenceCount).toList();
    }

    @Override
    public Optional<String> violation(ChatResponse answer) {
        List<Integer> rejected = rejected(answer.text());
        if (rejected.isEmpty()) {
            return Optional.empty();
        }
        String cited = rejected.stream().map(number -> "[" + number + "]").collect(Collectors.joining(", "));
        String given = switch (evidenceCount) {
            case 0 -> "no evidence was given";
            case 1 -> "only [1] was given";
            default -> "only [1] to [" + evidenceCount + "] were given";
        };
        return Optional.of("the answer cites " + cited + ", but " + given);
    }
}
