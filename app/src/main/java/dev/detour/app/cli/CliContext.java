package dev.detour.app.cli;

import dev.detour.app.config.Environment;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a command may touch of the outside world: its output streams, its environment and working
 * directory, and whether a person watches at a terminal. Tests give their own.
 */
record CliContext(PrintStream out, PrintStream err, Environment environment, Path workingDirectory, boolean interactive) {

    static CliContext system() {
        return new CliContext(System.out, System.err, Environment.system(), Path.of("").toAbsolutePath(),
                Terminal.interactive(System::getenv));
    }

    Path resolve(Path file) {
        return workingDirectory.resolve(file);
    }
}
