package dev.detour.adapters.europepmc;

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
import dev.detour.core.secret.Secret;
import java.util.List;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

class EuropePmcConformanceTest extends EvidenceSourceConformanceTest {

    static final CannedResponse PAGE_1 = CannedResponse.json(200, Fixtures.text("fixtures/europepmc-search-core-page1.json"));
    static final CannedResponse LAST_PAGE =
            CannedResponse.json(200, Fixtures.text("fixtures/europepmc-search-core-last-page.json"));

    @Override
    protected EvidenceSource createSource(SourceSetup setup) {
        return EuropePmcSource.create(new EuropePmcSettings(setup.sourceName(), setup.baseUrl(), setup.limits(4)));
    }

    @Override
    protected Optional<Secret> apiKey() {
        return Optional.empty();
    }

    @Override
    protected String basePath() {
        return "/europepmc/webservices/rest";
    }

    @Override
    protected List<SearchCase> searchCases() {
        return List.of(
                SearchCase.of("two pages, the last without nextCursorMark", SearchQuery.of("telomere pancreatic cancer", 3),
                        List.of(PAGE_1, LAST_PAGE), List.of("PMID:27797938", "DOI:10.1101/2024.01.01.000001", "PMID:11850928")),
                SearchCase.of("one page when it reaches the limit", SearchQuery.of("telomere pancreatic cancer", 2),
                        List.of(PAGE_1), List.of("PMID:27797938", "DOI:10.1101/2024.01.01.000001")));
    }

    @Override
    protected SearchCase emptySearch() {
        return SearchCase.of("zero hits", SearchQuery.of("DOI:\"10.99999/no.such.doi\"", 5),
                List.of(CannedResponse.json(200, Fixtures.text("fixtures/europepmc-search-empty.json"))), List.of());
    }

    @Override
    protected List<SearchFailureCase> failureCases() {
        return List.of(
                SearchFailureCase.of("a bare 429", List.of(CannedResponse.of(429, "text/html", "")), ErrorKind.RATE_LIMITED, 429),
                SearchFailureCase.of("an HTML 500", List.of(CannedResponse.of(500, "text/html",
                        "<html><head><title>500 Internal Server Error</title></head><body></body></html>")),
                        ErrorKind.PROVIDER_UNAVAILABLE, 500),
                SearchFailureCase.of("a 503 on the second page", List.of(PAGE_1, CannedResponse.of(503, "text/html", "")),
                        ErrorKind.PROVIDER_UNAVAILABLE, 503),
                SearchFailureCase.of("an HTML page on the second page", List.of(PAGE_1, CannedResponse.of(200,
                        "text/html", "<html><head><title>EMBL-EBI maintenance</title></head></html>")),
                        ErrorKind.PROVIDER_UNAVAILABLE, 200),
                SearchFailureCase.of("a 400 in plain text", List.of(CannedResponse.of(400, "text/plain",
                        "Invalid query syntax")), ErrorKind.INVALID_REQUEST, 400),
                SearchFailureCase.of("an answer that is not JSON", List.of(CannedResponse.json(200, "{\"resultList\":")),
                        ErrorKind.MALFORMED_RESPONSE, 200),
                SearchFailureCase.of("JSON without resultList", List.of(CannedResponse.json(200, "{\"version\":\"6.9\"}")),
                        ErrorKind.MALFORMED_RESPONSE, 200));
    }

    @Override
    protected void verifyRequests(List<RecordedRequest> requests, SearchCase search) {
        for (int i = 0; i < requests.size(); i++) {
            HttpUrl url = requests.get(i).getUrl();
            assertThat(url.encodedPath()).isEqualTo("/europepmc/webservices/rest/search");
            assertThat(url.queryParameter("query")).isEqualTo(search.query().text());
            assertThat(url.queryParameter("resultType")).isEqualTo("core");
            assertThat(url.queryParameter("format")).isEqualTo("json");
            assertThat(url.queryParameter("pageSize")).isEqualTo(String.valueOf(search.query().limit()));
            assertThat(url.queryParameter("cursorMark")).as("cursorMark of page " + (i + 1))
                    .isEqualTo(i == 0 ? "*" : "AoIIQKfYxyg0NDIyNjA1Nw==");
        }
    }
}
