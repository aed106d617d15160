package dev.detour.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The simulated evidence for one query, the same every time: the papers PubMed finds, the preprints only
 * Europe PMC and OpenAlex find, the trials ClinicalTrials.gov finds, and the orders Europe PMC and OpenAlex
 * list papers and preprints in (overlapping PubMed's, with the same DOIs, so deduplication across sources
 * has something to do). A blank query finds nothing.
 */
final class EvidenceSet {

    private final Topic topic;
    private final List<Article> papers;
    private final List<Article> preprints;
    private final List<Trial> trials;

    private EvidenceSet(Topic topic) {
        this.topic = topic;
        if (topic.isBlank()) {
            papers = List.of();
            preprints = List.of();
            trials = List.of();
        } else {
            papers = IntStream.range(0, 6 + topic.pick(0, 900, 10)).mapToObj(i -> Article.paper(topic, i)).toList();
            preprints = IntStream.range(0, 2 + topic.pick(0, 901, 3)).mapToObj(i -> Article.preprint(topic, i)).toList();
            trials = IntStream.range(0, 3 + topic.pick(0, 902, 6)).mapToObj(i -> Trial.of(topic, i)).toList();
        }
    }

    static EvidenceSet of(String query) {
        return new EvidenceSet(Topic.of(query));
    }

    Topic topic() {
        return topic;
    }

    /** PubMed's hits, most relevant first. */
    List<Article> papers() {
        return papers;
    }

    /** Europe PMC's hits: PubMed's papers with a preprint second, fifth, eighth… while preprints last. */
    List<Article> literature() {
        return interleaved(1);
    }

    /** OpenAlex's hits: the same papers and preprints, a preprint third, sixth, ninth… while they last. */
    List<Article> works() {
        return interleaved(2);
    }

    List<Trial> trials() {
        return trials;
    }

    Optional<Article> paper(String pmid) {
        return papers.stream().filter(paper -> paper.pmid().orElseThrow().equals(pmid)).findFirst();
    }

    private List<Article> interleaved(int firstPreprintAt) {
        List<Article> all = new ArrayList<>(papers.size() + preprints.size());
        int paper = 0;
        int preprint = 0;
        while (paper < papers.size() || preprint < preprints.size()) {
            boolean preprintsTurn = all.size() % 3 == firstPreprintAt && preprint < preprints.size();
            if (preprintsTurn || paper == papers.size()) {
                all.add(preprints.get(preprint++));
            } else {
                all.add(papers.get(paper++));
            }
        }
        return all;
    }
}
