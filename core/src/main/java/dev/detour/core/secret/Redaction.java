package dev.detour.core.secret;

import java.util.regex.Pattern;

/**
 * Removes key-shaped text (Hugging Face and OpenAI tokens, bearer credentials) from text that came
 * from outside, such as a provider's error message, and trims it to a readable length.
 *
 * <p>It is a second line of defence: adapters never put a key into a message in the first place.
 */
public final class Redaction {

    /** Replacement written where a credential was found. */
    public static final String MASK = "[redacted]";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CREDENTIALS = Pattern.compile(
            "(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{6,}"
                    + "|\\bhf_[A-Za-z0-9]{6,}"
                    + "|\\bsk-[A-Za-z0-9_-]{6,}"
                    + "|\\b(api[_-]?key|access[_-]?token|token)(\\s*[=:]\\s*)[\"']?[A-Za-z0-9._~+/-]{12,}");

    private Redaction() {}

    /** Returns {@code text} with every credential-shaped run replaced by {@link #MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return CREDENTIALS.matcher(text).replaceAll(match -> {
            if (match.group(1) != null) {
                return java.util.regex.Matcher.quoteReplacement(match.group(1) + MASK);
            }
            if (match.group(2) != null) {
                return java.util.regex.Matcher.quoteReplacement(match.group(2) + match.group(3) + MASK);
            }
            return MASK;
        });
    }

    /**
     * Redacts {@code text}, folds its whitespace onto one line and cuts it to at most
     * {@code maxLength} characters, marking the cut with an ellipsis.
     */
    public static String redactAndTrim(String text, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        if (text == null) {
            return "";
        }
        String oneLine = WHITESPACE.matcher(redact(text)).replaceAll(" ").strip();
        if (oneLine.length() <= maxLength) {
            return oneLine;
        }
        return oneLine.substring(0, Math.max(0, maxLength - 1)).stripTrailing() + "…";
    }
}
