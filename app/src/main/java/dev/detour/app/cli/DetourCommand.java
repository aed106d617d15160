package dev.detour.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code detour} command; it only lists its subcommands. */
@Command(name = "detour", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Runs research workflows through a chain of models that keeps going when providers fail.",
        footerHeading = "%nExample:%n", footer = "  detour demo          # a research run against the built-in simulator")
final class DetourCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Read by {@link Logging} before parsing, since the logging binding must be set up before any logger exists. */
    @Option(names = Logging.VERBOSE, scope = ScopeType.INHERIT,
            description = "Show Detour's diagnostics (debug logging) on standard error.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
