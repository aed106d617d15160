package dev.detour.app.config;

import dev.detour.core.secret.Redaction;

/** How a value the user wrote is quoted in a problem: on one line, shortened, and never a key. */
final class Shown {

    private static final int MAX_LENGTH = 80;

    private Shown() {}

    /** {@code text} in double quotes, or {@link Redaction#MASK} if it looks like a key. */
    static String quoted(String text) {
        if (SecretShapes.looksLikeKey(text)) {
            return Redaction.MASK;
        }
        String oneLine = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t");
        if (oneLine.length() > MAX_LENGTH) {
            oneLine = oneLine.substring(0, MAX_LENGTH - 1) + "…";
        }
        return "\"" + oneLine + "\"";
    }
}
