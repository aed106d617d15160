package dev.detour.app.cli;

import picocli.CommandLine.Option;

/** How a command that runs research shows its progress: the display on stderr and the event log. */
final class ProgressOptions {

    @Option(names = "--events", paramLabel = "FILE|-", description = "Write every event as JSON Lines to FILE, or - for standard output.")
    String events;

    @Option(names = "--quiet", description = "No progress display on standard error.")
    boolean quiet;

    /** Refuses {@code --events -} when standard output already carries the report. */
    void requireEventsOffStandardOutput(String command) {
        if ("-".equals(events)) {
            throw new UsageProblem("detour " + command + ": --events - writes events to standard output; "
                    + (command.equals("run")
                            ? "write the report elsewhere with --output FILE"
                            : "give --events a FILE, since the report goes to standard output"));
        }
    }
}
