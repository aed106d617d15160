package dev.detour.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code detour} command; it only lists its subcommands. */
@Command(name = "detour", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Runs research workflows through a chain of models that keeps going when providers fail.",
        footerHeading = "%nExample:%n", footer = "  detour demo          # a research run against the built-in simulator")
final class DetourCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
