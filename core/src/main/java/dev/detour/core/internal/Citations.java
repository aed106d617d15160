package dev.detour.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and rewrites the numbered citations of a text: {@code [3]}, {@code [1, 4]}, {@code [2-5]} (a range
 * of at most 50). A bracket that opens a Markdown link ({@code [1](…)}), is escaped ({@code \[1]}) or
 * numbers an item of a step path ({@code investigate[0]/answer}) is not a citation.
 */
public final class Citations {

    private static final Pattern GROUP = Pattern.compile(
            "(?<!\\\\)\\[\\s*(\\d{1,4}(?:\\s*[,;\\-–—]\\s*\\d{1,4})*)\\s*](?![(/])");
    private static final Pattern PART = Pattern.compile("(\\d{1,4})(?:\\s*[\\-–—]\\s*(\\d{1,4}))?");
    private static final int MAX_RANGE = 50;

    private Citations() {}

    /** Every number {@code text} cites, once each, in order of first citation. */
    public static List<Integer> numbers(String text) {
        Set<Integer> numbers = new LinkedHashSet<>();
        Matcher group = GROUP.matcher(Require.nonNull(text, "text"));
        while (group.find()) {
            numbers.addAll(expand(group.group(1)));
        }
        return List.copyOf(numbers);
    }

    /**
     * {@code text} with each cited number replaced by what {@code renumber} maps it to, each group written
     * as {@code [a, b]} in ascending order; a number mapped to nothing is dropped, and a group left empty
     * with it.
     */
    public static String rewrite(String text, IntFunction<Optional<Integer>> renumber) {
        Require.nonNull(renumber, "renumber");
        Matcher group = GROUP.matcher(Require.nonNull(text, "text"));
        StringBuilder out = new StringBuilder();
        while (group.find()) {
            String replacement = expand(group.group(1)).stream()
                    .flatMap(number -> renumber.apply(number).stream())
                    .distinct().sorted()
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
            group.appendReplacement(out, Matcher.quoteReplacement(replacement.isEmpty() ? "" : "[" + replacement + "]"));
        }
        group.appendTail(out);
        return out.toString();
    }

    private static List<Integer> expand(String group) {
        List<Integer> numbers = new ArrayList<>();
        Matcher part = PART.matcher(group);
        while (part.find()) {
            int from = Integer.parseInt(part.group(1));
            if (part.group(2) == null) {
                numbers.add(from);
                continue;
            }
            int to = Integer.parseInt(part.group(2));
            if (to >= from && to - from <= MAX_RANGE) {
                for (int number = from; number <= to; number++) {
                    numbers.add(number);
                }
            } else {
                numbers.add(from);
                numbers.add(to);
            }
        }
        return numbers;
    }
}
