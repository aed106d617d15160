package dev.detour.app.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, shared by the commands that print a table: a table for people, JSON for scripts. */
final class FormatOption {

    /** How a command prints its result. */
    enum Format { text, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES}, in any case (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    boolean json() {
        return format == Format.json;
    }
}
