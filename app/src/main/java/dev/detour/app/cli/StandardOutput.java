package dev.detour.app.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's standard output, which can tell a reader that closed the pipe early ({@code detour models | head -1},
 * normal in a shell) from a write that really failed, such as a full disk.
 */
final class StandardOutput extends PrintStream {

    private static final Path DESCRIPTOR = Path.of("/proc/self/fd/1");

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
     * EPIPE, in the C locale's words; where the JVM words it in another language, on Linux any failure to write
     * to a pipe or socket, since only a reader that has gone makes one fail.
     */
    private static boolean brokenPipe(IOException failure) {
        if (failure.getMessage() != null && failure.getMessage().startsWith("Broken pipe")) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(DESCRIPTOR).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            return false;
        }
    }
}
