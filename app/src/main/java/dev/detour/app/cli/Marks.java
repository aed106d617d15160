package dev.detour.app.cli;

/**
 * The marks the progress display puts before a line, in Unicode or in ASCII for a terminal that cannot
 * show Unicode; each ASCII mark differs from the others at a glance.
 */
record Marks(String done, String failed, String skipped, String started, String attemptFailed, String attemptSkipped,
        String fallback, String reset, String budget, String inFlight, String ellipsis) {

    static final Marks UNICODE = new Marks("✓", "✗", "○", "…", "!", "-", "→", "↺", "$", "⋯", "…");
    static final Marks ASCII = new Marks("+", "x", "o", "...", "!", "-", "->", "<>", "$", "..", "...");

    static Marks of(boolean unicode) {
        return unicode ? UNICODE : ASCII;
    }
}
