package dev.detour.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One simulated paper or preprint for a query: ids of valid shape that no real record has (PMIDs from
 * 900000000, DOIs under the test prefix {@code 10.5555}), a title that echoes the query, and a journal
 * whose name says it is simulated. PubMed, Europe PMC and OpenAlex each write it in their own shape.
 *
 * @param pmid its PMID, empty for a preprint
 * @param preprintId Europe PMC's {@code PPR…} id of a preprint, empty for a paper
 * @param openAlexId its OpenAlex work number, the digits after {@code W}
 */
record Article(
        Optional<String> pmid,
        Optional<String> preprintId,
        String doi,
        Optional<String> pmcid,
        long openAlexId,
        Design design,
        List<Span> title,
        List<Author> authors,
        Journal journal,
        LocalDate published,
        boolean medlineDate,
        String volume,
        String issue,
        String pages,
        List<Section> abstractSections,
        int citedBy) {

    static final String DOI_PREFIX = "10.5555/detour-sim.";

    /** What kind of study a record reports, with how its title ends and how PubMed types it. */
    enum Design {
        COHORT(": a prospective cohort study", "prospective cohort study", true, "article", "Journal Article"),
        SYSTEMATIC_REVIEW(": a systematic review and meta-analysis", "systematic review", false, "review",
                "Journal Article", "Systematic Review"),
        RANDOMISED_TRIAL(": a randomised controlled trial", "randomised controlled trial", true, "article",
                "Journal Article", "Randomized Controlled Trial"),
        LABORATORY(": in vitro and cohort evidence", "laboratory and cohort study", true, "article", "Journal Article"),
        SURVEY(": a cross-sectional survey in routine practice", "cross-sectional survey", true, "article",
                "Journal Article"),
        NARRATIVE_REVIEW(": a narrative review", "narrative review", false, "review", "Journal Article", "Review"),
        PREPRINT(": preliminary findings", "preprint", true, "preprint", "Preprint");

        private final String titleEnd;
        private final String studyName;
        private final boolean structured;
        private final String openAlexType;
        private final List<String> publicationTypes;

        Design(String titleEnd, String studyName, boolean structured, String openAlexType, String... publicationTypes) {
            this.titleEnd = titleEnd;
            this.studyName = studyName;
            this.structured = structured;
            this.openAlexType = openAlexType;
            this.publicationTypes = List.of(publicationTypes);
        }

        List<String> publicationTypes() {
            return publicationTypes;
        }

        String openAlexType() {
            return openAlexType;
        }

        static final List<Design> PAPERS = List.of(COHORT, SYSTEMATIC_REVIEW, RANDOMISED_TRIAL, LABORATORY, SURVEY,
                NARRATIVE_REVIEW);
    }

    /** A journal or preprint server. */
    record Journal(String title, String isoAbbreviation, String issn, String essn) {

        static final List<String> FIELDS = List.of("Clinical Evidence", "Epidemiology", "Translational Medicine",
                "Public Health", "Evidence Synthesis", "Biomedical Research");
        static final List<String> ABBREVIATIONS = List.of("Clin Evid", "Epidemiol", "Transl Med", "Public Health",
                "Evid Synth", "Biomed Res");
        static final Journal PREPRINTS = new Journal("simXiv (simulated preprints)", "simXiv", "", "");

        static Journal of(int field) {
            return new Journal("Simulated Journal of " + FIELDS.get(field), "Simul J " + ABBREVIATIONS.get(field),
                    "2999-01" + (10 + field), "2999-02" + (10 + field));
        }
    }

    /** One labelled part of a structured abstract, or the whole of an unstructured one (no label). */
    record Section(String label, List<Span> text) {}

    /** The {@code index}-th paper PubMed finds for {@code topic}. */
    static Article paper(Topic topic, int index) {
        long pmid = 900_000_000L + topic.spread(index, 100_000_000L);
        Design design = Design.PAPERS.get(Math.floorMod(topic.hash() + index, Design.PAPERS.size()));
        return article(topic, index, design, Optional.of(Long.toString(pmid)), Optional.empty(),
                DOI_PREFIX + pmid, index % 2 == 0 ? Optional.of("PMC" + pmid) : Optional.empty(), 9_000_000_000L + pmid,
                Journal.of(topic.pick(index, 1, Journal.FIELDS.size())));
    }

    /** The {@code index}-th preprint Europe PMC and OpenAlex find for {@code topic}; PubMed does not index it. */
    static Article preprint(Topic topic, int index) {
        long number = 900_000L + topic.spread(index + 50, 100_000L);
        return article(topic, index + 50, Design.PREPRINT, Optional.empty(), Optional.of("PPR" + number),
                DOI_PREFIX + "ppr" + number, Optional.empty(), 9_800_000_000L + number, Journal.PREPRINTS);
    }

    private static Article article(Topic topic, int index, Design design, Optional<String> pmid,
            Optional<String> preprintId, String doi, Optional<String> pmcid, long openAlexId, Journal journal) {
        LocalDate published = LocalDate.of(2012 + topic.pick(index, 2, 14), 1 + topic.pick(index, 3, 12),
                1 + topic.pick(index, 4, 28));
        int firstPage = 1 + topic.pick(index, 5, 900);
        List<Span> title = design == Design.LABORATORY
                ? List.of(Span.plain(topic.phrase() + ": "), Span.tagged("i", "in vitro"), Span.plain(" and cohort evidence"))
                : List.of(Span.plain(topic.phrase() + design.titleEnd));
        return new Article(pmid, preprintId, doi, pmcid, openAlexId, design, title, Author.of(topic, index, 10),
                journal, published, pmid.isPresent() && index % 5 == 4,
                Integer.toString(1 + topic.pick(index, 6, 60)), Integer.toString(1 + topic.pick(index, 7, 12)),
                firstPage + "-" + (firstPage + 4 + topic.pick(index, 8, 12)), abstractOf(topic, index, design),
                topic.pick(index, 9, 250));
    }

    private static List<Section> abstractOf(Topic topic, int index, Design design) {
        String origin = "Detour's evidence simulator wrote this abstract for the query \"" + topic.query()
                + "\"; it reports no real study.";
        String effect = String.format(Locale.ROOT, "%.2f", 1 + topic.pick(index, 20, 90) / 100.0);
        String p = String.format(Locale.ROOT, "0.%03d", 1 + topic.pick(index, 21, 60));
        String heterogeneity = Integer.toString(topic.pick(index, 22, 80));
        if (!design.structured) {
            return List.of(new Section("", List.of(
                    Span.plain(origin + " It pools " + (4 + topic.pick(index, 23, 30)) + " simulated studies (I"),
                    Span.tagged("sup", "2"),
                    Span.plain("=" + heterogeneity + "%; p"),
                    Span.tagged("sub", "trend"),
                    Span.plain("=" + p + ") and draws no conclusion."))));
        }
        int participants = 40 + topic.pick(index, 24, 4000);
        return List.of(
                new Section("BACKGROUND", List.of(Span.plain(origin))),
                new Section("METHODS", List.of(
                        Span.plain("A simulated " + design.studyName + " of " + participants + " participants, with "),
                        Span.tagged("i", "in vitro"),
                        Span.plain(" assays where relevant."))),
                new Section("RESULTS", List.of(
                        Span.plain("The simulated association was modest (OR " + effect + "; p"),
                        Span.tagged("sub", "trend"),
                        Span.plain("=" + p + "; I"),
                        Span.tagged("sup", "2"),
                        Span.plain("=" + heterogeneity + "%)."))),
                new Section("CONCLUSIONS", List.of(Span.plain("Simulated evidence supports no conclusion about "
                        + topic.query() + "; consult the real literature."))));
    }

    /** The abstract as plain text, each section after its label. */
    String abstractText() {
        StringBuilder text = new StringBuilder();
        for (Section section : abstractSections) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            if (!section.label().isEmpty()) {
                text.append(section.label()).append(": ");
            }
            text.append(Span.text(section.text()));
        }
        return text.toString();
    }

    String plainTitle() {
        return Span.text(title);
    }

    boolean isOpenAccess() {
        return pmcid.isPresent() || preprintId.isPresent();
    }

    /** PubMed's {@code 2019 Mar} style of the publication date. */
    String pubDate() {
        return published.getYear() + " " + month();
    }

    /** The month as PubMed abbreviates it, such as {@code Jun}. */
    String month() {
        return published.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
    }
}
