package dev.detour.core.internal;

/**
 * Makes text that came from outside safe to keep in a record: control characters (ESC, BEL, C1…) become
 * spaces, whitespace folds onto one line, and the result is cut to a length with an ellipsis.
 */
public final class PlainText {

    private PlainText() {}

    /** {@code text} on one line, without control characters, at most {@code maxLength} characters. */
    public static String oneLine(String text, int maxLength) {
        Require.positive(maxLength, "maxLength");
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), maxLength + 16));
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)
                    || c == 0x200B || c == 0xFEFF) {
                space = clean.length() > 0;
                continue;
            }
            if (space) {
                clean.append(' ');
                space = false;
            }
            clean.appendCodePoint(c);
            if (clean.length() > maxLength) {
                break;
            }
        }
        if (clean.length() <= maxLength) {
            return clean.toString();
        }
        return clean.substring(0, Math.max(0, maxLength - 1)).stripTrailing() + "…";
    }
}
