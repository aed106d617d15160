package dev.detour.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code detour} command; it only lists its subcommands. */
@Command(name = "detour", mixinStandardHelpOptions = true, version = "detour 0.1.0",
        description = "Runs research workflows through a chain of models that keeps going when providers fail.")
final class DetourCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
