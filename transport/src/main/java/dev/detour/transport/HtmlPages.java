package dev.detour.transport;

import dev.detour.core.internal.Require;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises an HTML page where an error body was expected (a gateway's or a proxy's) and summarises it
 * by its title, so a message never carries a page of markup.
 */
public final class HtmlPages {

    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final int MAX_TITLE = 120;

    private HtmlPages() {}

    /** {@code HTML error page from <host> ("<title>")} if {@code text} is an HTML page, else empty. */
    public static Optional<String> summary(HttpHead head, String text) {
        Require.nonNull(head, "head");
        Require.nonNull(text, "text");
        String start = text.substring(0, Math.min(text.length(), 100)).strip().toLowerCase(Locale.ROOT);
        if (!head.contentType().contains("text/html") && !start.startsWith("<!doctype html") && !start.startsWith("<html")) {
            return Optional.empty();
        }
        String summary = "HTML error page from " + head.host();
        Matcher title = TITLE.matcher(text);
        if (title.find()) {
            String words = title.group(1).replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").strip();
            if (!words.isEmpty()) {
                summary += " (\"" + (words.length() > MAX_TITLE ? words.substring(0, MAX_TITLE) + "…" : words) + "\")";
            }
        }
        return Optional.of(summary);
    }
}
