package dev.detour.adapters.europepmc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a core search: its results and the cursor of the next page, absent on the last one.
 *
 * @param results the {@code resultList.result} entries, in order
 * @param nextCursorMark where the next page starts; empty on the last page
 */
record SearchPage(List<JsonNode> results, Optional<String> nextCursorMark) {

    /** The page {@code answer} is, or empty if it has no {@code resultList.result} array. */
    static Optional<SearchPage> of(JsonNode answer) {
        JsonNode result = answer.path("resultList").path("result");
        if (!result.isArray()) {
            return Optional.empty();
        }
        List<JsonNode> results = new ArrayList<>();
        result.forEach(results::add);
        JsonNode next = answer.path("nextCursorMark");
        return Optional.of(new SearchPage(results,
                next.isTextual() && !next.asText().isBlank() ? Optional.of(next.asText()) : Optional.empty()));
    }
}
