package dev.detour.core.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of adapter that a configuration entry names with {@code type:}, such as {@code openai}: its
 * name, the options its entries accept, and how it opens an entry into {@code T}, the thing that holds the
 * entry's connections. Kinds of adapter (model providers today) extend it as their own service interface.
 *
 * <p>An implementation is found by {@link java.util.ServiceLoader}: give it a public no-argument
 * constructor, keep it stateless, and do not read keys, files or the environment in it; everything an
 * entry needs arrives in {@link #open}.
 *
 * @param <T> what an opened entry is; closed by the app at shutdown
 */
public interface AdapterType<T extends AutoCloseable> {

    /** The name configurations write after {@code type:}; unique among the types on the class path. */
    String name();

    /** The options its entries accept besides the keys every entry has ({@code base-url} and the like). */
    default List<Option<?>> options() {
        return List.of();
    }

    /** The base URL of an entry that gives none, such as a public API's; empty when every entry must give one. */
    default Optional<URI> defaultBaseUrl() {
        return Optional.empty();
    }

    /**
     * Every problem of an entry's {@code options}, each naming its option and saying what to write instead;
     * empty when {@link #open} accepts them. By default each option is read as {@link #options()} declares it
     * and a key none of them admits is a problem.
     */
    default List<OptionProblem> problems(Map<String, String> options) {
        return Option.problems(name(), options(), options);
    }

    /**
     * Opens the entry {@code settings} describe, calling with {@code key}. The app calls it only with
     * options that {@link #problems} accepted.
     *
     * @throws IllegalArgumentException if the settings cannot work, saying which and what to write instead
     */
    T open(AdapterSettings settings, AdapterKey key);
}
