package dev.detour.core.spi;

import dev.detour.core.internal.Require;
import dev.detour.core.wire.RetryWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One option an adapter type accepts and how its text is read: a single key such as {@code read-timeout},
 * or a family such as {@code route.<provider>} that admits any {@code route.<name>}. Declare each option
 * once, list it in {@link AdapterType#options()} and read it with {@link AdapterSettings#option(Option)}, so
 * the app validates a configuration with exactly the rules the adapter builds its settings with.
 *
 * @param <T> the value an option's text stands for
 */
public final class Option<T> {

    private final String prefix;
    private final String placeholder;
    private final BiFunction<String, String, T> reader;

    private Option(String prefix, String placeholder, BiFunction<String, String, T> reader) {
        this.prefix = prefix;
        this.placeholder = placeholder;
        this.reader = reader;
    }

    /**
     * The option {@code key}, whose text {@code reader} turns into a value.
     *
     * @param reader throws {@link IllegalArgumentException} saying what is wrong with the text and what to
     *     write instead, without naming the key
     */
    public static <T> Option<T> of(String key, Function<String, T> reader) {
        Require.nonBlank(key, "key");
        Require.nonNull(reader, "reader");
        return new Option<>(key, null, (name, text) -> reader.apply(text));
    }

    /**
     * The options {@code prefix<name>}, such as {@code route.novita} for prefix {@code route.}, shown as
     * {@code prefix<placeholder>}.
     *
     * @param reader reads a name (what follows the prefix) and its text; throws {@link IllegalArgumentException}
     *     as {@link #of(String, Function)} says
     */
    public static <T> Option<T> family(String prefix, String placeholder, BiFunction<String, String, T> reader) {
        Require.nonBlank(prefix, "prefix");
        Require.nonBlank(placeholder, "placeholder");
        Require.nonNull(reader, "reader");
        return new Option<>(prefix, placeholder, reader);
    }

    /** The option {@code key}, taken as written. */
    public static Option<String> text(String key) {
        return of(key, text -> text);
    }

    /** The option {@code key}, a positive duration with its unit such as {@code 500ms}, {@code 30s} or {@code 1m30s}. */
    public static Option<Duration> duration(String key) {
        return of(key, text -> RetryWait.goDuration(text)
                .filter(duration -> !duration.isZero() && !text.strip().matches("[0-9.]+"))
                .orElseThrow(() -> new IllegalArgumentException(quoted(text)
                        + " is not a duration (use a number with a unit: 500ms, 30s, 5m)")));
    }

    /** The option {@code key}, a whole number of at least 1, such as a size in bytes. */
    public static Option<Long> wholeNumber(String key) {
        return of(key, text -> atLeastOne(text, Long.MAX_VALUE));
    }

    /** The option {@code key}, a whole number from 1 to {@link Integer#MAX_VALUE}, such as a number of calls. */
    public static Option<Integer> count(String key) {
        return of(key, text -> (int) atLeastOne(text, Integer.MAX_VALUE));
    }

    /** The key as a configuration writes it: {@code read-timeout}, or {@code route.<provider>} for a family. */
    public String key() {
        return placeholder == null ? prefix : prefix + "<" + placeholder + ">";
    }

    /** Whether it stands for many keys, one per name after its prefix. */
    public boolean isFamily() {
        return placeholder != null;
    }

    /** Whether {@code key} is this option, or one of this family. */
    public boolean admits(String key) {
        Require.nonNull(key, "key");
        return placeholder == null ? key.equals(prefix) : key.startsWith(prefix) && key.length() > prefix.length();
    }

    /**
     * The value of {@code text} given for {@code key}, which this option admits.
     *
     * @throws IllegalArgumentException saying what is wrong with the text, without naming the key
     */
    T read(String key, String text) {
        if (!admits(key)) {
            throw new IllegalArgumentException("\"" + key + "\" is not the option " + key());
        }
        return reader.apply(nameIn(key), Require.nonNull(text, "text"));
    }

    /** What follows the prefix in {@code key} for a family, such as {@code novita}; the key itself otherwise. */
    String nameIn(String key) {
        return placeholder == null ? key : key.substring(prefix.length());
    }

    /**
     * Every problem of the entry {@code values} of an adapter type {@code type} that accepts {@code accepted}:
     * a key no option admits, and a value its option cannot read, in key order.
     */
    public static List<OptionProblem> problems(String type, Collection<? extends Option<?>> accepted,
            Map<String, String> values) {
        Require.nonBlank(type, "type");
        Require.nonNull(accepted, "accepted");
        List<OptionProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> value : new TreeMap<>(Require.nonNull(values, "values")).entrySet()) {
            Optional<? extends Option<?>> option = accepted.stream().filter(o -> o.admits(value.getKey())).findFirst();
            if (option.isEmpty()) {
                problems.add(new OptionProblem(value.getKey(), "not an option of type " + type + "; known options: "
                        + (accepted.isEmpty() ? "none" : accepted.stream().map(Option::key).collect(Collectors.joining(", ")))));
                continue;
            }
            try {
                option.get().read(value.getKey(), value.getValue());
            } catch (IllegalArgumentException e) {
                problems.add(new OptionProblem(value.getKey(), String.valueOf(e.getMessage())));
            }
        }
        return List.copyOf(problems);
    }

    @Override
    public String toString() {
        return "Option[" + key() + "]";
    }

    private static long atLeastOne(String text, long max) {
        long number;
        try {
            number = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quoted(text) + " is not a whole number (use a whole number of at least 1)", e);
        }
        if (number < 1) {
            throw new IllegalArgumentException(quoted(text) + " is too small (use a whole number of at least 1)");
        }
        if (number > max) {
            throw new IllegalArgumentException(quoted(text) + " is too large (use a whole number up to " + max + ")");
        }
        return number;
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
