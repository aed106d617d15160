package dev.detour.adapters.clinicaltrials;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a {@code studies} search: its studies and the token of the next page, absent on the last one.
 *
 * @param studies the {@code studies} entries, in order
 * @param nextPageToken where the next page starts; empty on the last page
 */
record StudiesPage(List<JsonNode> studies, Optional<String> nextPageToken) {

    /** The page {@code answer} is, or empty if it has no {@code studies} array. */
    static Optional<StudiesPage> of(JsonNode answer) {
        JsonNode studies = answer.path("studies");
        if (!studies.isArray()) {
            return Optional.empty();
        }
        List<JsonNode> list = new ArrayList<>();
        studies.forEach(list::add);
        JsonNode next = answer.path("nextPageToken");
        return Optional.of(new StudiesPage(list,
                next.isTextual() && !next.asText().isBlank() ? Optional.of(next.asText()) : Optional.empty()));
    }
}
