package dev.detour.app.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * Whether a person watches standard error at a terminal, which decides the progress display's style.
 * The {@code ./detour} launcher knows ({@code [ -t 2 ]}) and passes {@code -Ddetour.stderr.tty}; without
 * it, the JVM's console stands in.
 */
final class Terminal {

    static final String STDERR_TTY_PROPERTY = "detour.stderr.tty";

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
}
