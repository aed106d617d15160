package dev.detour.adapters.europepmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.conformance.Fixtures;
import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceKind;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.model.CallContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Europe PMC's core results ask of the adapter beyond the conformance kit: the records' fields and paging. */
class EuropePmcWireTest {

    private final MockWebServer server = new MockWebServer();
    private EuropePmcSource source;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        source = EuropePmcSource.create(new EuropePmcSettings("europepmc", server.url("/rest").uri(),
                EuropePmcSettings.DEFAULT_LIMITS));
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    @Test
    void readsAMedlineRecordWithItsHtmlStrippedAndItsDoiAsACrossId() {
        serve(Fixtures.text("fixtures/europepmc-search-core-page1.json"));

        EvidenceRecord article = source.search(SearchQuery.of("telomere", 2), CallContext.none()).get(0);

        assertThat(article.id()).isEqualTo(EvidenceId.parse("PMID:27797938"));
        assertThat(article.crossIds()).containsExactly(EvidenceId.parse("DOI:10.1136/gutjnl-2016-312510"));
        assertThat(article.title())
                .isEqualTo("Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.");
        assertThat(article.summary()).contains("Objective: Whether prediagnostic telomere length is associated with later"
                + " risk was unknown. Results: Shorter telomeres were associated with higher risk.");
        assertThat(article.authors()).containsExactly("Bao Y", "Prescott J", "Pancreatic Cancer Cohort Consortium");
        assertThat(article.published()).contains("2017-06");
        assertThat(article.venue()).contains("Gut");
        assertThat(article.kind()).isEqualTo(EvidenceKind.ARTICLE);
        assertThat(article.url()).isEqualTo(URI.create("https://europepmc.org/article/MED/27797938"));
        assertThat(article.source()).isEqualTo("europepmc");
    }

    @Test
    void marksAPreprintAndIdentifiesItByItsDoiWhenItHasNoPmid() {
        serve(Fixtures.text("fixtures/europepmc-search-core-page1.json"));

        EvidenceRecord preprint = source.search(SearchQuery.of("telomere", 2), CallContext.none()).get(1);

        assertThat(preprint.id()).isEqualTo(EvidenceId.parse("DOI:10.1101/2024.01.01.000001"));
        assertThat(preprint.kind()).isEqualTo(EvidenceKind.PREPRINT);
        assertThat(preprint.venue()).contains("bioRxiv");
        assertThat(preprint.published()).contains("2024");
        assertThat(preprint.url()).isEqualTo(URI.create("https://europepmc.org/article/PPR/PPR000001"));
    }

    @Test
    void prefersThePmcidToTheDoiAndMarksAReview() {
        serve("{\"nextCursorMark\":\"*\",\"resultList\":{\"result\":[{\"id\":\"PMC5334499\",\"source\":\"PMC\","
                + "\"pmcid\":\"PMC5334499\",\"doi\":\"10.1000/xyz\",\"title\":\"A &amp; B: a review\","
                + "\"pubTypeList\":{\"pubType\":[\"review-article\",\"Review\"]}}]}}");

        List<EvidenceRecord> records = source.search(SearchQuery.of("telomere", 5), CallContext.none());

        assertThat(records).singleElement().satisfies(review -> {
            assertThat(review.id()).isEqualTo(EvidenceId.parse("PMCID:PMC5334499"));
            assertThat(review.crossIds()).containsExactly(EvidenceId.parse("DOI:10.1000/xyz"));
            assertThat(review.kind()).isEqualTo(EvidenceKind.REVIEW);
            assertThat(review.title()).isEqualTo("A & B: a review");
        });
        assertThat(server.getRequestCount()).as("a nextCursorMark equal to the one sent ends the paging").isEqualTo(1);
    }

    @Test
    void leavesOutAResultWithNoPmidPmcidOrDoi() {
        serve("{\"resultList\":{\"result\":[{\"id\":\"AGR123\",\"source\":\"AGR\",\"title\":\"No id Detour can cite\"}]}}");

        assertThat(source.search(SearchQuery.of("telomere", 5), CallContext.none())).isEmpty();
    }

    @Test
    void stopsAtAPageWithNoResultsEvenIfItNamesANextCursor() {
        serve("{\"nextCursorMark\":\"abc\",\"resultList\":{\"result\":[]}}");

        assertThat(source.search(SearchQuery.of("telomere", 5), CallContext.none())).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private void serve(String body) {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build());
    }
}
