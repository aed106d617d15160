package dev.detour.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which query each PMID the simulator has handed out came from, so EFetch and ESummary can describe a
 * paper by its PMID alone. Holds at most {@value #CAPACITY} PMIDs; past that it starts over, and older
 * PMIDs are then unknown, as ids never found are.
 */
final class ArticleIndex {

    static final int CAPACITY = 100_000;

    private final Map<String, String> queries = new ConcurrentHashMap<>();

    void remember(EvidenceSet evidence) {
        if (queries.size() + evidence.papers().size() > CAPACITY) {
            queries.clear();
        }
        evidence.papers().forEach(paper -> queries.put(paper.pmid().orElseThrow(), evidence.topic().query()));
    }

    Optional<Article> find(String pmid) {
        return Optional.ofNullable(queries.get(pmid)).flatMap(query -> EvidenceSet.of(query).paper(pmid));
    }
}
