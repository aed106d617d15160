package dev.detour.app.cli;

import java.util.List;

/** A usage or configuration problem: printed one line each, exit code 2. */
final class UsageProblem extends RuntimeException {

    private final List<String> lines;

    UsageProblem(List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.lines = List.copyOf(lines);
    }

    UsageProblem(String line) {
        this(List.of(line));
    }

    List<String> lines() {
        return lines;
    }
}
