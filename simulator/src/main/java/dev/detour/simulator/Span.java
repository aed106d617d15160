package dev.detour.simulator;

import java.util.List;

/**
 * A run of text in a title or abstract, plain or inside an inline tag ({@code i}, {@code sub}, {@code sup}),
 * as PubMed's mixed-content XML and Europe PMC's HTML carry them.
 *
 * @param text the run's text
 * @param tag the inline tag around it, empty for plain text
 */
record Span(String text, String tag) {

    static Span plain(String text) {
        return new Span(text, "");
    }

    static Span tagged(String tag, String text) {
        return new Span(text, tag);
    }

    boolean isPlain() {
        return tag.isEmpty();
    }

    /** The runs as plain text, tags dropped. */
    static String text(List<Span> spans) {
        StringBuilder text = new StringBuilder();
        spans.forEach(span -> text.append(span.text()));
        return text.toString();
    }

    /** The runs as HTML, text escaped and tags kept, as Europe PMC sends titles and abstracts. */
    static String html(List<Span> spans) {
        StringBuilder html = new StringBuilder();
        for (Span span : spans) {
            String text = span.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            html.append(span.isPlain() ? text : "<" + span.tag() + ">" + text + "</" + span.tag() + ">");
        }
        return html.toString();
    }
}
