package dev.detour.app.cli;

import dev.detour.app.server.Formats;

/** What tests of {@code detour serve} outside this package need from the CLI: its output formats, and the command itself. */
public final class ServeFixtures {

    private ServeFixtures() {}

    /** The formats {@code detour serve} gives its server, with costs at {@code pricing}. */
    public static Formats formats(dev.detour.core.cost.Pricing pricing) {
        return ServeCommand.formats(pricing);
    }

    /** Runs {@code detour ARGS} as {@code Main} does, with this context's streams and environment; its exit code. */
    public static int detour(java.io.PrintStream out, java.io.PrintStream err, java.util.Map<String, String> environment,
            java.nio.file.Path workingDirectory, String... args) {
        return Main.run(new CliContext(out, err, dev.detour.app.config.Environment.of(environment), workingDirectory, false),
                args);
    }
}
