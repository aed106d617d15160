package dev.detour.app.cli;

import java.util.List;

/** The report or the event log of a run could not be written: printed one line each, exit code 1. */
final class OutputProblem extends RuntimeException {

    private final List<String> lines;

    OutputProblem(List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.lines = List.copyOf(lines);
    }

    List<String> lines() {
        return lines;
    }
}
