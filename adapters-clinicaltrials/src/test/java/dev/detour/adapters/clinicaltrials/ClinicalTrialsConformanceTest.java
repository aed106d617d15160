package dev.detour.adapters.clinicaltrials;

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

class ClinicalTrialsConformanceTest extends EvidenceSourceConformanceTest {

    static final CannedResponse PAGE_1 = CannedResponse.json(200, Fixtures.text("fixtures/clinicaltrials-studies-page1.json"));
    static final CannedResponse LAST_PAGE =
            CannedResponse.json(200, Fixtures.text("fixtures/clinicaltrials-studies-last-page.json"));

    @Override
    protected EvidenceSource createSource(SourceSetup setup) {
        return ClinicalTrialsSource.create(new ClinicalTrialsSettings(setup.sourceName(), setup.baseUrl(), setup.limits(4)));
    }

    @Override
    protected Optional<Secret> apiKey() {
        return Optional.empty();
    }

    @Override
    protected String basePath() {
        return "/api/v2";
    }

    @Override
    protected List<SearchCase> searchCases() {
        return List.of(
                SearchCase.of("two pages, the last without nextPageToken", SearchQuery.of("knee arthroplasty edema", 3),
                        List.of(PAGE_1, LAST_PAGE), List.of("NCT05013879", "NCT99999901", "NCT99999902")),
                SearchCase.of("one page when it reaches the limit", SearchQuery.of("knee arthroplasty edema", 2),
                        List.of(PAGE_1), List.of("NCT05013879", "NCT99999901")));
    }

    @Override
    protected SearchCase emptySearch() {
        return SearchCase.of("zero hits", SearchQuery.of("zzqxj no such condition", 5),
                List.of(CannedResponse.json(200, Fixtures.text("fixtures/clinicaltrials-studies-empty.json"))), List.of());
    }

    @Override
    protected List<SearchFailureCase> failureCases() {
        return List.of(
                SearchFailureCase.of("an unknown-parameter 400 in plain text", List.of(CannedResponse.of(400,
                        "text/plain", "Unknown parameter: query.trem")), ErrorKind.INVALID_REQUEST, 400),
                SearchFailureCase.of("a bare 429", List.of(CannedResponse.of(429, "text/html", "")), ErrorKind.RATE_LIMITED, 429),
                SearchFailureCase.of("a bare 403 from the firewall", List.of(CannedResponse.of(403, "text/html", "")),
                        ErrorKind.AUTHENTICATION_FAILED, 403),
                SearchFailureCase.of("an HTML 500", List.of(CannedResponse.of(500, "text/html",
                        "<html><head><title>500 Internal Server Error</title></head><body></body></html>")),
                        ErrorKind.PROVIDER_UNAVAILABLE, 500),
                SearchFailureCase.of("a 503 on the second page", List.of(PAGE_1, CannedResponse.of(503, "text/html", "")),
                        ErrorKind.PROVIDER_UNAVAILABLE, 503),
                SearchFailureCase.of("an HTML page on the second page", List.of(PAGE_1, CannedResponse.of(200,
                        "text/html", "<html><head><title>ClinicalTrials.gov is down for maintenance</title></head></html>")),
                        ErrorKind.PROVIDER_UNAVAILABLE, 200),
                SearchFailureCase.of("an answer that is not JSON", List.of(CannedResponse.json(200, "{\"studies\":[")),
                        ErrorKind.MALFORMED_RESPONSE, 200),
                SearchFailureCase.of("JSON without studies", List.of(CannedResponse.json(200, "{\"totalCount\":3}")),
                        ErrorKind.MALFORMED_RESPONSE, 200));
    }

    @Override
    protected void verifyRequests(List<RecordedRequest> requests, SearchCase search) {
        for (int i = 0; i < requests.size(); i++) {
            HttpUrl url = requests.get(i).getUrl();
            assertThat(url.encodedPath()).isEqualTo("/api/v2/studies");
            assertThat(url.queryParameter("query.term")).isEqualTo(search.query().text());
            assertThat(url.queryParameter("format")).isEqualTo("json");
            assertThat(url.queryParameter("pageSize")).isEqualTo(String.valueOf(search.query().limit()));
            assertThat(url.queryParameter("countTotal")).as("countTotal of page " + (i + 1))
                    .isEqualTo(i == 0 ? "true" : null);
            assertThat(url.queryParameter("pageToken")).as("pageToken of page " + (i + 1))
                    .isEqualTo(i == 0 ? null : "NF0g5JGBlPMuwQY");
        }
    }
}
