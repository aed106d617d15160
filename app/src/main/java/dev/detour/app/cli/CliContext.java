package dev.detour.app.cli;

import dev.detour.app.config.Environment;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a command may touch of the outside world: its output streams (UTF-8, whatever the locale), its
 * environment and working directory, whether a person watches at a terminal, how wide it is and whether
 * it shows Unicode marks. Tests give their own.
 */
record CliContext(PrintStream out, PrintStream err, Environment environment, Path workingDirectory, boolean interactive,
        TerminalWidth width, boolean unicode) {

    /** A context for tests: a terminal of the default width that shows Unicode. */
    CliContext(PrintStream out, PrintStream err, Environment environment, Path workingDirectory, boolean interactive) {
        this(out, err, environment, workingDirectory, interactive, Terminal.DEFAULT_COLUMNS, true);
    }

    /** A context for tests: a terminal of {@code columns} that never resizes. */
    CliContext(PrintStream out, PrintStream err, Environment environment, Path workingDirectory, boolean interactive,
            int columns, boolean unicode) {
        this(out, err, environment, workingDirectory, interactive, TerminalWidth.fixed(columns), unicode);
    }

    static CliContext system() {
        Environment environment = Environment.system();
        boolean interactive = Terminal.interactive(environment::get);
        return new CliContext(StandardOutput.system(), utf8(FileDescriptor.err), environment,
                Path.of("").toAbsolutePath(), interactive, Terminal.width(environment::get, interactive),
                Terminal.unicode(environment::get));
    }

    /** The terminal's width in columns now. */
    int columns() {
        return width.columns();
    }

    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor)), true, StandardCharsets.UTF_8);
    }

    Path resolve(Path file) {
        return workingDirectory.resolve(file);
    }

    Marks marks() {
        return Marks.of(unicode);
    }
}
