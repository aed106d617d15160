package dev.detour.adapters.openalex;

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
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

class OpenAlexConformanceTest extends EvidenceSourceConformanceTest {

    static final CannedResponse WORKS = CannedResponse.json(200, Fixtures.text("fixtures/openalex-works-search.json"));

    @Override
    protected EvidenceSource createSource(SourceSetup setup) {
        return OpenAlexSource.create(new OpenAlexSettings(setup.sourceName(), setup.baseUrl(), setup.apiKey().orElseThrow(),
                setup.limits(4)));
    }

    @Override
    protected List<SearchCase> searchCases() {
        return List.of(SearchCase.of("one page of works", SearchQuery.of("open access prevalence", 5), List.of(WORKS),
                List.of("OpenAlex:W2741809807")));
    }

    @Override
    protected SearchCase emptySearch() {
        return SearchCase.of("zero hits", SearchQuery.of("zzqxj", 5), List.of(CannedResponse.json(200,
                "{\"meta\":{\"count\":0,\"db_response_time_ms\":12,\"page\":1,\"per_page\":5,\"groups_count\":null},"
                        + "\"results\":[],\"group_by\":[]}")), List.of());
    }

    @Override
    protected List<SearchFailureCase> failureCases() {
        return List.of(
                SearchFailureCase.of("a 400 for an invalid filter", List.of(CannedResponse.json(400,
                        Fixtures.text("fixtures/openalex-error-400-invalid-filter.json"))), ErrorKind.INVALID_REQUEST, 400),
                SearchFailureCase.of("a bare 429", List.of(CannedResponse.of(429, "text/html", "")), ErrorKind.RATE_LIMITED, 429),
                SearchFailureCase.of("a 403 for a key OpenAlex refuses", List.of(CannedResponse.json(403,
                        "{\"error\":\"Forbidden\",\"message\":\"Invalid API key\"}")), ErrorKind.AUTHENTICATION_FAILED, 403),
                SearchFailureCase.of("an HTML 500", List.of(CannedResponse.of(500, "text/html",
                        "<html><head><title>500 Internal Server Error</title></head><body></body></html>")),
                        ErrorKind.PROVIDER_UNAVAILABLE, 500),
                SearchFailureCase.of("an answer that is not JSON", List.of(CannedResponse.json(200, "{\"results\":[")),
                        ErrorKind.MALFORMED_RESPONSE, 200),
                SearchFailureCase.of("JSON without results", List.of(CannedResponse.json(200, "{\"meta\":{\"count\":0}}")),
                        ErrorKind.MALFORMED_RESPONSE, 200));
    }

    @Override
    protected void verifyRequests(List<RecordedRequest> requests, SearchCase search) {
        assertThat(requests).hasSize(1);
        HttpUrl url = requests.getFirst().getUrl();
        assertThat(url.encodedPath()).isEqualTo("/api/works");
        assertThat(url.queryParameter("search")).isEqualTo(search.query().text());
        assertThat(url.queryParameter("per_page")).isEqualTo(String.valueOf(search.query().limit()));
        assertThat(url.queryParameter("api_key")).isEqualTo(apiKey().orElseThrow().reveal());
    }
}
