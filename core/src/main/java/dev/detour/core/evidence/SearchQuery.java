package dev.detour.core.evidence;

import dev.detour.core.internal.Require;

/**
 * What to search for and how many records to return at most.
 *
 * @param text the query, in the words a person would type into the source's search box
 * @param limit the most records to return, from 1 to {@value #MAX_LIMIT}
 */
public record SearchQuery(String text, int limit) {

    /** The most records one search may ask for. */
    public static final int MAX_LIMIT = 100;

    /** The longest query text, in characters. */
    public static final int MAX_TEXT_LENGTH = 500;

    public SearchQuery {
        Require.nonBlank(text, "text");
        text = text.strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text must be at most " + MAX_TEXT_LENGTH + " characters, was "
                    + text.length());
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("text must not contain control characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Shorthand for the canonical constructor. */
    public static SearchQuery of(String text, int limit) {
        return new SearchQuery(text, limit);
    }
}
