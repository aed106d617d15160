package dev.detour.adapters.pubmed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.conformance.Fixtures;
import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceKind;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What PubMed's wire format asks of the adapter beyond the conformance kit: the records' fields and NCBI's quirks. */
class PubMedWireTest {

    private static final String KEY = "ncbi-wire-test-key-0123456789";
    private static final SearchQuery QUERY = SearchQuery.of("telomere pancreatic cancer", 5);

    private final MockWebServer server = new MockWebServer();
    private PubMedSource source;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        source = open(Optional.of(Secret.of(KEY)), Optional.empty());
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    @Test
    void readsTitlesAbstractsAuthorsDatesAndCrossIdsFromEFetch() {
        serve(json(Fixtures.text("fixtures/ncbi-esearch-pubmed.json")), xml(Fixtures.text("fixtures/ncbi-efetch-pubmed.xml")));

        List<EvidenceRecord> records = source.search(QUERY, CallContext.none());

        EvidenceRecord structured = records.get(0);
        assertThat(structured.title())
                .isEqualTo("Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.");
        assertThat(structured.summary()).hasValueSatisfying(summary -> assertThat(summary)
                .startsWith("OBJECTIVE: Whether prediagnostic telomere length")
                .contains(" DESIGN: Nested case-control study", " RESULTS: Shorter telomeres were associated with higher"
                        + " risk (OR 1.72; ptrend=0.048; r2<0.25 between SNPs).", " CONCLUSIONS: Telomere length and TERT")
                .doesNotContain("<i>", "<sub>", "<sup>", "Copyright", "BMJ"));
        assertThat(structured.authors()).containsExactly("Bao Y", "Prescott J", "Pancreatic Cancer Cohort Consortium");
        assertThat(structured.published()).contains("2017-06");
        assertThat(structured.venue()).contains("Gut");
        assertThat(structured.kind()).isEqualTo(EvidenceKind.ARTICLE);
        assertThat(structured.crossIds()).containsExactly(EvidenceId.parse("DOI:10.1136/gutjnl-2016-312510"));
        assertThat(structured.url()).isEqualTo(URI.create("https://pubmed.ncbi.nlm.nih.gov/27797938/"));
        assertThat(structured.source()).isEqualTo("pubmed");

        EvidenceRecord plain = records.get(1);
        assertThat(plain.published()).as("from MedlineDate 1965 Aug-Sep").contains("1965");
        assertThat(plain.authors()).containsExactly("LoPresti PJ", "Hambrick GW");
        assertThat(plain.summary()).contains("A single unstructured abstract paragraph (shortened for the fixture).");
        assertThat(plain.crossIds()).isEmpty();
    }

    @Test
    void marksAReviewAsSuchAndKeepsItsPmcidAsACrossId() {
        String review = Fixtures.text("fixtures/ncbi-efetch-pubmed.xml")
                .replaceFirst("Journal Article</PublicationType>", "Review</PublicationType>")
                .replaceFirst("(<ArticleId IdType=\"doi\">10.1136/gutjnl-2016-312510</ArticleId>)",
                        "$1<ArticleId IdType=\"pmc\">PMC5334499</ArticleId>");
        serve(json(Fixtures.text("fixtures/ncbi-esearch-pubmed.json")), xml(review));

        List<EvidenceRecord> records = source.search(QUERY, CallContext.none());

        assertThat(records.get(0).kind()).isEqualTo(EvidenceKind.REVIEW);
        assertThat(records.get(0).crossIds()).containsExactly(EvidenceId.parse("DOI:10.1136/gutjnl-2016-312510"),
                EvidenceId.parse("PMCID:PMC5334499"));
        assertThat(records.get(1).kind()).isEqualTo(EvidenceKind.ARTICLE);
    }

    @Test
    void fetchesOnlyAsManyIdsAsTheQueryAsksFor() throws InterruptedException {
        serve(json(Fixtures.text("fixtures/ncbi-esearch-pubmed.json")), xml(Fixtures.text("fixtures/ncbi-efetch-pubmed.xml")));

        List<EvidenceRecord> records = source.search(SearchQuery.of("telomere", 1), CallContext.none());

        assertThat(records).extracting(record -> record.id().toString()).containsExactly("PMID:27797938");
        server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("id")).isEqualTo("27797938");
    }

    @Test
    void sendsNoEFetchForASearchThatFindsNothing() {
        serve(json(Fixtures.text("fixtures/ncbi-esearch-pubmed-empty-phrase-not-found.json")));

        assertThat(source.search(QUERY, CallContext.none())).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void sendsNeitherKeyNorEmailWhenNoneIsConfigured() throws InterruptedException {
        try (PubMedSource keyless = open(Optional.empty(), Optional.empty())) {
            serve(json(Fixtures.text("fixtures/ncbi-esearch-pubmed-empty-phrase-not-found.json")));

            keyless.search(QUERY, CallContext.none());

            HttpUrl url = server.takeRequest(5, TimeUnit.SECONDS).getUrl();
            assertThat(url.queryParameterNames()).containsExactlyInAnyOrder("db", "tool", "term", "retmode", "retmax", "sort");
        }
    }

    @Test
    void neverReadsAnExternalEntityOrDtdTheAnswerNames() throws IOException {
        try (MockWebServer attacker = new MockWebServer()) {
            attacker.start(InetAddress.getLoopbackAddress(), 0);
            attacker.enqueue(new MockResponse.Builder().body("STOLEN-FILE-CONTENTS").build());
            attacker.enqueue(new MockResponse.Builder().body("<!ENTITY inner 'STOLEN-DTD'>").build());
            String hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet SYSTEM \"" + attacker.url("/pubmed.dtd")
                    + "\" [<!ENTITY xxe SYSTEM \"" + attacker.url("/etc/passwd") + "\">]>\n<PubmedArticleSet><PubmedArticle>"
                    + "<MedlineCitation><PMID>27797938</PMID><Article><ArticleTitle>Telomeres &xxe;</ArticleTitle>"
                    + "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>";
            serve(json(Fixtures.text("fixtures/ncbi-esearch-pubmed.json")), xml(hostile));

            SearchFailedException thrown = catchThrowableOfType(SearchFailedException.class,
                    () -> source.search(QUERY, CallContext.none()));

            assertThat(attacker.getRequestCount()).as("requests the parser sent for the DTD or the entity").isZero();
            assertThat(thrown.kind()).as("an entity the answer may not define").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(thrown.getMessage()).doesNotContain("STOLEN");
        }
    }

    @Test
    void keepsTheKeyOutOfFailuresWhenAnErrorPageEchoesTheRequestUrl() {
        String echoed = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi?db=pubmed&api_key=" + KEY;
        serve(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/plain")
                .body("Bad gateway while proxying " + echoed).build());

        SearchFailedException thrown = catchThrowableOfType(SearchFailedException.class,
                () -> source.search(QUERY, CallContext.none()));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.getMessage()).contains("Bad gateway while proxying").doesNotContain(KEY);
        assertThat(thrown.toString()).doesNotContain(KEY);
    }

    @Test
    void keepsTheKeyOutOfAnErrorNcbiReportsInsideA200() {
        serve(json("{\"esearchresult\":{\"ERROR\":\"Invalid api_key " + KEY + "\"}}"));

        SearchFailedException thrown = catchThrowableOfType(SearchFailedException.class,
                () -> source.search(QUERY, CallContext.none()));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.retryable()).as("an error inside a 200 is transient").isTrue();
        assertThat(thrown.getMessage()).contains("ESearch failed: Invalid api_key").doesNotContain(KEY);
    }

    private PubMedSource open(Optional<Secret> key, Optional<String> email) {
        return PubMedSource.create(new PubMedSettings("pubmed", server.url("/entrez/eutils").uri(), key, email,
                PubMedSettings.DEFAULT_LIMITS));
    }

    private void serve(MockResponse... responses) {
        for (MockResponse response : responses) {
            server.enqueue(response);
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
    }

    private static MockResponse xml(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/xml").body(body).build();
    }

}
