package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.regex.Pattern;

/**
 * Which evidence source, by the name it is configured under, such as {@code pubmed}: what a search
 * {@link Attempt} names where a model call's names a {@link ModelRef}.
 *
 * @param name the source's name in the configuration: letters, digits, {@code -} and {@code _}
 */
public record SourceRef(String name) implements AttemptTarget {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public SourceRef {
        Require.nonBlank(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("source name must be letters, digits, '-' or '_' (at most 64), was \""
                    + name + "\"");
        }
    }

    /** Shorthand for the canonical constructor. */
    public static SourceRef of(String name) {
        return new SourceRef(name);
    }

    /** The name itself, such as {@code pubmed}. */
    @Override
    public String toString() {
        return name;
    }
}
