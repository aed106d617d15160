package dev.detour.app.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * How many columns the person's terminal has now. It starts from what the launcher or {@code COLUMNS} said and,
 * when it follows resizes, measures again each time the terminal reports one ({@code SIGWINCH}), so the progress
 * line fits a window made narrower mid-run. A measurement that fails keeps the last width.
 */
final class TerminalWidth {

    private final IntSupplier measure;
    private volatile int columns;

    private TerminalWidth(int columns, IntSupplier measure) {
        this.columns = columns;
        this.measure = measure;
    }

    /** A width that never changes, for output that is not a terminal and for tests. */
    static TerminalWidth fixed(int columns) {
        return new TerminalWidth(columns, () -> 0);
    }

    /** A width starting at {@code columns} that {@code measure} (0 when it cannot tell) reads again on a resize. */
    static TerminalWidth measuredBy(int columns, IntSupplier measure) {
        return new TerminalWidth(columns, measure);
    }

    /** The controlling terminal's width as {@code stty size} reports it, or 0. */
    static int sttyColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!stty.waitFor(5, TimeUnit.SECONDS) || stty.exitValue() != 0 || !size.matches("[0-9]+ [0-9]{1,5}")) {
                return 0;
            }
            return Integer.parseInt(size.substring(size.indexOf(' ') + 1));
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    int columns() {
        return columns;
    }

    /** Measures again on every resize of the terminal, where the JVM lets a program hear of one; returns this. */
    @SuppressWarnings("removal")
    TerminalWidth followResizes() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> measureAgain());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGWINCH here (Windows) or the JVM reserves it: the width stays what it was at the start.
        }
        return this;
    }

    void measureAgain() {
        int measured = measure.getAsInt();
        if (measured > 0) {
            columns = Math.clamp(measured, Terminal.MIN_COLUMNS, Terminal.MAX_COLUMNS);
        }
    }
}
