package dev.detour.app.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the person's terminal can do: whether standard error is a terminal (which decides the progress
 * display's style), how many columns it has and whether it can show non-ASCII marks. The {@code ./detour}
 * launcher knows ({@code [ -t 2 ]}, {@code stty size}, the locale before it switches the JVM to UTF-8) and
 * passes system properties; without them, the environment and the JVM's console stand in.
 */
final class Terminal {

    static final String STDERR_TTY_PROPERTY = "detour.stderr.tty";
    static final String COLUMNS_PROPERTY = "detour.columns";
    static final String UNICODE_PROPERTY = "detour.terminal.unicode";
    static final int DEFAULT_COLUMNS = 80;

    static final int MIN_COLUMNS = 20;
    static final int MAX_COLUMNS = 1000;

    private Terminal() {}

    static boolean interactive(Function<String, String> environment) {
        String term = environment.apply("TERM");
        if (term == null || term.isBlank() || term.equals("dumb")) {
            return false;
        }
        String launcherSays = System.getProperty(STDERR_TTY_PROPERTY);
        if (launcherSays != null) {
            return Boolean.parseBoolean(launcherSays);
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The terminal's width in columns: {@code COLUMNS}, else what the launcher measured, else 80. */
    static int columns(Function<String, String> environment) {
        for (String value : new String[] {environment.apply("COLUMNS"), System.getProperty(COLUMNS_PROPERTY)}) {
            if (value != null && value.strip().matches("[0-9]{1,5}")) {
                int columns = Integer.parseInt(value.strip());
                if (columns > 0) {
                    return Math.clamp(columns, MIN_COLUMNS, MAX_COLUMNS);
                }
            }
        }
        return DEFAULT_COLUMNS;
    }

    /**
     * The terminal's width, followed through resizes when a person watches standard error and {@code COLUMNS}
     * does not pin it.
     */
    static TerminalWidth width(Function<String, String> environment, boolean interactive) {
        TerminalWidth width = TerminalWidth.measuredBy(columns(environment), TerminalWidth::sttyColumns);
        return interactive && environment.apply("COLUMNS") == null ? width.followResizes() : width;
    }

    /**
     * Whether the terminal shows UTF-8, judged from the locale the person set ({@code LC_ALL}, else
     * {@code LC_CTYPE}, else {@code LANG}) unless the launcher, which saw it first, says.
     */
    static boolean unicode(Function<String, String> environment) {
        String launcherSays = System.getProperty(UNICODE_PROPERTY);
        if (launcherSays != null) {
            return Boolean.parseBoolean(launcherSays);
        }
        for (String variable : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                String locale = value.toLowerCase(Locale.ROOT);
                return locale.contains("utf-8") || locale.contains("utf8");
            }
        }
        return false;
    }
}
