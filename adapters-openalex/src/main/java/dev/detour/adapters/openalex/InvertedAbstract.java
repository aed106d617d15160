package dev.detour.adapters.openalex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Rebuilds an abstract from OpenAlex's {@code abstract_inverted_index}, which maps each word to the positions it
 * stands at. Positions past {@value #MAX_WORDS} are dropped: a record keeps a trimmed summary anyway.
 */
final class InvertedAbstract {

    static final int MAX_WORDS = 1_000;

    private InvertedAbstract() {}

    /** The abstract as one line of text, or null when the index is absent or empty. */
    static String text(JsonNode index) {
        if (!index.isObject()) {
            return null;
        }
        Map<Integer, String> words = new TreeMap<>();
        index.properties().forEach(entry -> entry.getValue().forEach(position -> {
            if (position.canConvertToInt() && position.asInt() >= 0 && position.asInt() < MAX_WORDS) {
                words.putIfAbsent(position.asInt(), entry.getKey());
            }
        }));
        StringJoiner text = new StringJoiner(" ");
        words.values().forEach(text::add);
        return words.isEmpty() ? null : text.toString();
    }
}
