package dev.detour.app.cli;

/** The exit codes of the {@code detour} command. */
final class ExitCodes {

    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE = 2;
    static final int INTERRUPTED = 130;
    /** The reader of standard output closed it early, as a shell's {@code | head} does: 128 + SIGPIPE, quietly. */
    static final int READER_GONE = 141;

    private ExitCodes() {}
}
