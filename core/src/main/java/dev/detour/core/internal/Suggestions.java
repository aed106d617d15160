package dev.detour.core.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the name someone meant, for "did you mean" in an error: the same name written with other case,
 * other separators or the other English spelling ({@code tokenenv} or {@code Token_Env} for {@code token-env},
 * {@code behaviors} for {@code behaviours}). It never guesses between different words.
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

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_ .]", "").replace("our", "or");
    }
}
