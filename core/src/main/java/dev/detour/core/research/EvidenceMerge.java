package dev.detour.core.research;

import dev.detour.core.evidence.EvidenceRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges what several sources returned for one sub-question into one list without duplicates: sources
 * take turns by rank (each one's best first, then each one's second…), so a cap keeps every source's best
 * records; a record that is the same evidence as one already taken is dropped, its ids kept to catch
 * further copies.
 */
final class EvidenceMerge {

    private EvidenceMerge() {}

    /** At most {@code max} distinct records of {@code bySource}, listed in the sources' order. */
    static List<EvidenceRecord> merge(List<List<EvidenceRecord>> bySource, int max) {
        List<EvidenceRecord> merged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int deepest = bySource.stream().mapToInt(List::size).max().orElse(0);
        for (int rank = 0; rank < deepest && merged.size() < max; rank++) {
            for (List<EvidenceRecord> records : bySource) {
                if (rank >= records.size() || merged.size() >= max) {
                    continue;
                }
                EvidenceRecord record = records.get(rank);
                Set<String> keys = EvidenceKeys.of(record);
                boolean duplicate = keys.stream().anyMatch(seen::contains);
                seen.addAll(keys);
                if (!duplicate) {
                    merged.add(record);
                }
            }
        }
        return merged;
    }
}
