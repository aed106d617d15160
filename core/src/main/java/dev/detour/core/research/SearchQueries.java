package dev.detour.core.research;

import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.internal.PlainText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Derives the text a source is searched with from a sub-question: its content words, without question
 * words, punctuation or anything a source's query syntax would read as an operator ({@code AND},
 * {@code ?}, {@code :}, quotes, brackets), so that every source reads it as plain keywords.
 */
final class SearchQueries {

    private static final int MAX_WORDS = 12;
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "been", "by", "can", "could", "did", "do", "does", "for",
            "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "may", "might", "not", "of", "on",
            "or", "should", "so", "than", "that", "the", "their", "them", "there", "these", "they", "this", "those",
            "to", "was", "were", "what", "when", "where", "whether", "which", "who", "whom", "why", "will", "with",
            "would");

    private SearchQueries() {}

    static String of(String subQuestion) {
        List<String> words = Arrays.stream(PlainText.oneLine(subQuestion, 2_000).split("[^\\p{L}\\p{N}'-]+"))
                .map(word -> word.replaceAll("^['-]+|['-]+$", ""))
                .filter(word -> !word.isEmpty())
                .toList();
        List<String> content = words.stream()
                .filter(word -> !STOP_WORDS.contains(word.toLowerCase(Locale.ROOT)))
                .limit(MAX_WORDS)
                .toList();
        List<String> chosen = content.isEmpty() ? words.stream().limit(MAX_WORDS).toList() : content;
        String text = String.join(" ", chosen);
        if (text.isBlank()) {
            text = PlainText.oneLine(subQuestion, SearchQuery.MAX_TEXT_LENGTH).replaceAll("[^\\p{L}\\p{N} ]", " ").strip();
        }
        return text.length() > SearchQuery.MAX_TEXT_LENGTH ? text.substring(0, SearchQuery.MAX_TEXT_LENGTH).strip() : text;
    }
}
