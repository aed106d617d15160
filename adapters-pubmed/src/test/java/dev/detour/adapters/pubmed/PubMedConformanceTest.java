package dev.detour.adapters.pubmed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.conformance.CannedResponse;
import dev.detour.core.conformance.EvidenceSourceConformanceTest;
import dev.detour.core.conformance.Fixtures;
import dev.detour.core.conformance.SearchCase;
import dev.detour.core.conformance.SearchFailureCase;
import dev.detour.core.conformance.SourceSetup;
import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.model.ErrorKind;
import java.util.List;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

class PubMedConformanceTest extends EvidenceSourceConformanceTest {

    static final CannedResponse ESEARCH = CannedResponse.of(200, "application/json; charset=UTF-8",
            Fixtures.text("fixtures/ncbi-esearch-pubmed.json"));
    static final CannedResponse EFETCH = CannedResponse.of(200, "text/xml", Fixtures.text("fixtures/ncbi-efetch-pubmed.xml"));

    @Override
    protected EvidenceSource createSource(SourceSetup setup) {
        return PubMedSource.create(new PubMedSettings(setup.sourceName(), setup.baseUrl(), setup.apiKey(),
                Optional.of("research@example.org"), setup.limits(4)));
    }

    @Override
    protected String basePath() {
        return "/entrez/eutils";
    }

    @Override
    protected List<SearchCase> searchCases() {
        return List.of(SearchCase.of("ESearch JSON then EFetch XML", SearchQuery.of("telomere pancreatic cancer", 2),
                List.of(ESEARCH, EFETCH), List.of("PMID:27797938", "PMID:11850928")));
    }

    @Override
    protected SearchCase emptySearch() {
        return SearchCase.of("phrase not found", SearchQuery.of("zzqxj", 5), List.of(CannedResponse.of(200,
                "application/json; charset=UTF-8", Fixtures.text("fixtures/ncbi-esearch-pubmed-empty-phrase-not-found.json"))),
                List.of());
    }

    @Override
    protected List<SearchFailureCase> failureCases() {
        return List.of(
                SearchFailureCase.of("429 with NCBI's JSON body and no Retry-After", List.of(CannedResponse.json(429,
                        Fixtures.text("fixtures/ncbi-error-429-rate-limit.json"))), ErrorKind.RATE_LIMITED, 429),
                SearchFailureCase.of("NCBI's rate-limit body inside a 200", List.of(CannedResponse.json(200,
                        Fixtures.text("fixtures/ncbi-error-429-rate-limit.json"))), ErrorKind.RATE_LIMITED, 200),
                SearchFailureCase.of("esearchresult.ERROR inside a 200", List.of(CannedResponse.json(200,
                        "{\"header\":{\"type\":\"esearch\",\"version\":\"0.3\"},\"esearchresult\":{\"ERROR\":"
                                + "\"Search Backend failed: Database is not supported: pubmed\"}}")),
                        ErrorKind.PROVIDER_UNAVAILABLE, 200),
                SearchFailureCase.of("<ERROR> inside the EFetch 200", List.of(ESEARCH, CannedResponse.of(200, "text/xml",
                        "<?xml version=\"1.0\" ?>\n<eFetchResult>\n\t<ERROR>Cannot retrieve history data.</ERROR>\n"
                                + "</eFetchResult>")), ErrorKind.PROVIDER_UNAVAILABLE, 200),
                SearchFailureCase.of("an HTML page on the EFetch path", List.of(ESEARCH, CannedResponse.of(200,
                        "text/html", "<html><head><title>NCBI - WWW Error Blocked Diagnostic</title></head>"
                                + "<body>Access temporarily blocked</body></html>")), ErrorKind.PROVIDER_UNAVAILABLE, 200),
                SearchFailureCase.of("an HTML 500 from E-utilities", List.of(CannedResponse.of(500, "text/html",
                        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>Internal"
                                + " Server Error</body></html>")), ErrorKind.PROVIDER_UNAVAILABLE, 500),
                SearchFailureCase.of("a 400 for a bad request", List.of(CannedResponse.json(400,
                        "{\"error\":\"Invalid parameter: retmax\"}")), ErrorKind.INVALID_REQUEST, 400),
                SearchFailureCase.of("an EFetch answer that is not XML", List.of(ESEARCH, CannedResponse.of(200, "text/xml",
                        "<PubmedArticleSet><PubmedArticle><MedlineCitation>")), ErrorKind.MALFORMED_RESPONSE, 200),
                SearchFailureCase.of("an ESearch answer that is not JSON", List.of(CannedResponse.json(200,
                        "{\"esearchresult\":{\"idlist\":[")), ErrorKind.MALFORMED_RESPONSE, 200));
    }

    @Override
    protected void verifyRequests(List<RecordedRequest> requests, SearchCase search) {
        HttpUrl esearch = requests.get(0).getUrl();
        HttpUrl efetch = requests.get(1).getUrl();
        assertThat(esearch.encodedPath()).isEqualTo("/entrez/eutils/esearch.fcgi");
        assertThat(esearch.queryParameter("db")).isEqualTo("pubmed");
        assertThat(esearch.queryParameter("term")).isEqualTo(search.query().text());
        assertThat(esearch.queryParameter("retmode")).isEqualTo("json");
        assertThat(esearch.queryParameter("retmax")).isEqualTo(String.valueOf(search.query().limit()));
        assertThat(efetch.encodedPath()).isEqualTo("/entrez/eutils/efetch.fcgi");
        assertThat(efetch.queryParameter("id")).isEqualTo("27797938,11850928");
        assertThat(efetch.queryParameter("rettype")).isEqualTo("abstract");
        assertThat(efetch.queryParameter("retmode")).isEqualTo("xml");
        for (HttpUrl url : List.of(esearch, efetch)) {
            assertThat(url.queryParameter("tool")).as("tool of " + url.encodedPath()).isEqualTo("detour");
            assertThat(url.queryParameter("email")).as("email of " + url.encodedPath()).isEqualTo("research@example.org");
            assertThat(url.queryParameter("api_key")).as("api_key of " + url.encodedPath())
                    .isEqualTo(apiKey().orElseThrow().reveal());
        }
    }
}
