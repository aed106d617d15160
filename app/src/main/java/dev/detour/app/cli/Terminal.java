package dev.detour.app.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.function.Function;

/** Whether the command talks to a person at a terminal, which decides the progress display's style. */
final class Terminal {

    private Terminal() {}

    static boolean interactive(Function<String, String> environment) {
        String term = environment.apply("TERM");
        if (term == null || term.isBlank() || term.equals("dumb")) {
            return false;
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
