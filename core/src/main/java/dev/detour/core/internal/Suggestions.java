package dev.detour.core.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the name someone meant, for "did you mean" in an error. {@link #closest} finds the same name written
 * with other case, other separators or the other English spelling ({@code tokenenv} or {@code Token_Env} for
 * {@code token-env}, {@code behaviors} for {@code behaviours}); {@link #nearest} also finds a mistyped one
 * ({@code docter} for {@code doctor}), and never guesses when two names are equally near.
 */
public final class Suggestions {

    private Suggestions() {}

    /** The candidate that is {@code given} written differently, if there is one. */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        Require.nonNull(given, "given");
        Require.nonNull(candidates, "candidates");
        String wanted = normalized(given);
        return candidates.stream().filter(candidate -> !candidate.equals(given))
                .filter(candidate -> normalized(candidate).equals(wanted)).findFirst();
    }

    /**
     * The candidate {@code given} is written differently from or is a typo of: a few letters left out, added,
     * changed or swapped (one for short names, up to three for long ones); none if two are equally near.
     */
    public static Optional<String> nearest(String given, Collection<String> candidates) {
        Optional<String> spelling = closest(given, candidates);
        if (spelling.isPresent()) {
            return spelling;
        }
        String wanted = normalized(given);
        int allowed = Math.min(wanted.length() - 1, wanted.length() <= 4 ? 1 : wanted.length() <= 8 ? 2 : 3);
        List<String> others = candidates.stream().filter(candidate -> !candidate.equals(given)).distinct().toList();
        int best = Integer.MAX_VALUE;
        String found = null;
        boolean tie = false;
        for (String candidate : others) {
            int distance = distance(wanted, normalized(candidate));
            if (distance < best) {
                best = distance;
                found = candidate;
                tie = false;
            } else if (distance == best) {
                tie = true;
            }
        }
        return found != null && best <= allowed && !tie ? Optional.of(found) : Optional.empty();
    }

    /** Edits (insert, delete, replace, swap of neighbours) that turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_ .]", "").replace("our", "or");
    }
}
