package dev.detour.app.cli;

/** The exit codes of the {@code detour} command. */
final class ExitCodes {

    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE = 2;
    static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
