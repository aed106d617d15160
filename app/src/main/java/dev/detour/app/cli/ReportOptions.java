package dev.detour.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command that runs research writes its report, and in which format. */
final class ReportOptions {

    /** How the report is written. */
    enum Format { markdown, json }

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "Report format: ${COMPLETION-CANDIDATES}, in any case (default: ${DEFAULT-VALUE}).")
    Format format = Format.markdown;
}
