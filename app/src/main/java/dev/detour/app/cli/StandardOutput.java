package dev.detour.app.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output, which can tell a reader that closed the pipe early ({@code detour models | head -1},
 * normal in a shell) from a write that really failed, such as a full disk.
 */
final class StandardOutput extends PrintStream {

    private final WriteFailures failures;

    private StandardOutput(WriteFailures failures) {
        super(new BufferedOutputStream(failures), true, StandardCharsets.UTF_8);
        this.failures = failures;
    }

    static StandardOutput system() {
        return new StandardOutput(new WriteFailures(new FileOutputStream(FileDescriptor.out)));
    }

    /** Whether writing to {@code out} failed only because the process reading it has gone. */
    static boolean readerGone(PrintStream out) {
        return out instanceof StandardOutput standard && standard.checkError()
                && standard.failures.failure().filter(StandardOutput::brokenPipe).isPresent();
    }

    /**
     * EPIPE, in the C locale's words. Any other failure, even on a pipe (a non-blocking pipe that is full, say),
     * is reported: a reader still there must not get cut-short output in silence, and a JVM that words EPIPE in
     * another language only costs one line on standard error.
     */
    private static boolean brokenPipe(IOException failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("Broken pipe");
    }
}
