package dev.detour.simulator;

import static dev.detour.simulator.EvidenceClient.clinicalTrials;
import static dev.detour.simulator.EvidenceClient.efetch;
import static dev.detour.simulator.EvidenceClient.esearch;
import static dev.detour.simulator.EvidenceClient.esummary;
import static dev.detour.simulator.EvidenceClient.europePmc;
import static dev.detour.simulator.EvidenceClient.fixture;
import static dev.detour.simulator.EvidenceClient.get;
import static dev.detour.simulator.EvidenceClient.json;
import static dev.detour.simulator.EvidenceClient.openAlex;
import static dev.detour.simulator.EvidenceClient.pmids;
import static dev.detour.simulator.EvidenceClient.url;
import static dev.detour.simulator.EvidenceClient.xml;
import static dev.detour.simulator.Shapes.assertSameShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every generated answer has the field structure of the fixture recorded for the same kind of request. */
class EvidenceShapeTest {

    private static final String QUERY = "telomere length and pancreatic cancer risk";

    private static ProviderSimulator answering() {
        return ProviderSimulator.start(Scenario.builder("answering").build());
    }

    private static ProviderSimulator findingNothing() {
        return ProviderSimulator.start(Scenario.builder("nothing")
                .source("pubmed", s -> s.always(Behaviour.noHits()))
                .source("europepmc", s -> s.always(Behaviour.noHits()))
                .source("clinicaltrials", s -> s.always(Behaviour.noHits()))
                .source("openalex", s -> s.always(Behaviour.noHits()))
                .build());
    }

    @Test
    void esearchInJsonHasTheShapeOfTheFixtureWithCountsAsStrings() {
        try (ProviderSimulator simulator = answering()) {
            HttpResponse<String> response = esearch(simulator, QUERY, "retmax", "5");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
            assertSameShape(Shapes.of(json(response)), Shapes.of(SimulatorClient.json(fixture("ncbi-esearch-pubmed.json"))));
            assertThat(json(response).path("esearchresult").path("count").isTextual()).isTrue();
        }
    }

    @Test
    void esearchWithoutRetmodeAnswersXmlInTheShapeOfTheFixture() {
        try (ProviderSimulator simulator = answering()) {
            HttpResponse<String> response = get(url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "db", "pubmed", "term", QUERY));

            assertThat(response.headers().firstValue("content-type")).hasValue("text/xml; charset=UTF-8");
            assertThat(response.body()).contains("<!DOCTYPE eSearchResult PUBLIC \"-//NLM//DTD esearch 20060628//EN\"");
            assertSameShape(Shapes.of(xml(response.body())), Shapes.of(xml(fixture("ncbi-esearch-pubmed.xml"))));
        }
    }

    @Test
    void efetchHasTheShapeOfTheFixtureWithMixedContentTitlesAndStructuredAbstracts() {
        try (ProviderSimulator simulator = answering()) {
            HttpResponse<String> response = efetch(simulator, pmids(esearch(simulator, QUERY, "retmax", "20")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("<!DOCTYPE PubmedArticleSet PUBLIC", "pubmed_250101.dtd");
            assertSameShape(Shapes.of(xml(response.body())), Shapes.of(xml(fixture("ncbi-efetch-pubmed.xml"))));
        }
    }

    @Test
    void esummaryHasTheShapeOfTheFixture() {
        try (ProviderSimulator simulator = answering()) {
            HttpResponse<String> response = esummary(simulator, pmids(esearch(simulator, QUERY, "retmax", "3")));

            assertSameShape(Shapes.of(json(response)), Shapes.of(SimulatorClient.json(fixture("ncbi-esummary-pubmed.json"))));
        }
    }

    @Test
    void esummaryWithoutIdsAnswersTheRecordedBodyByteForByte() {
        try (ProviderSimulator simulator = answering()) {
            HttpResponse<String> response = get(url(simulator.pubMedBaseUrl(), "/esummary.fcgi", "db", "pubmed", "id", "",
                    "retmode", "json"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(fixture("ncbi-esummary-empty-id-list.json"));
        }
    }

    @Test
    void europePmcPagesHaveTheShapesOfTheFirstAndLastPageFixtures() {
        try (ProviderSimulator simulator = answering()) {
            JsonNode first = json(europePmc(simulator, QUERY, "pageSize", "6", "cursorMark", "*"));
            JsonNode last = json(europePmc(simulator, QUERY, "pageSize", "6", "cursorMark", lastCursor(simulator)));

            assertSameShape(Shapes.of(first), Shapes.of(SimulatorClient.json(fixture("europepmc-search-core-page1.json"))));
            assertThat(last.has("nextCursorMark")).isFalse();
            assertThat(Shapes.of(last).keySet()).doesNotContain("nextCursorMark", "nextPageUrl")
                    .containsAll(Shapes.of(SimulatorClient.json(fixture("europepmc-search-core-last-page.json"))).keySet()
                            .stream().filter(path -> !path.startsWith("resultList.result[].")).toList());
        }
    }

    @Test
    void clinicalTrialsPagesHaveTheShapesOfTheFixtures() {
        try (ProviderSimulator simulator = answering()) {
            JsonNode all = json(clinicalTrials(simulator, QUERY, "pageSize", "20", "countTotal", "true"));
            JsonNode first = json(clinicalTrials(simulator, QUERY, "pageSize", "1", "countTotal", "true"));
            JsonNode last = json(clinicalTrials(simulator, QUERY, "pageSize", "1", "countTotal", "true",
                    "pageToken", PageToken.of(all.path("totalCount").asInt() - 1)));

            Map<String, Set<String>> fixture = Shapes.of(SimulatorClient.json(fixture("clinicaltrials-studies-page1.json")));
            fixture.remove("nextPageToken");
            assertSameShape(Shapes.of(all), fixture);
            assertThat(first.fieldNames()).toIterable().containsExactly("totalCount", "studies", "nextPageToken");
            assertThat(last.fieldNames()).toIterable().containsExactly("studies");
            assertThat(SimulatorClient.json(fixture("clinicaltrials-studies-last-page.json")).fieldNames()).toIterable()
                    .containsExactly("studies");
        }
    }

    @Test
    void openAlexWorksHaveTheShapeOfTheFixtureWithAnInvertedIndexForTheAbstract() {
        try (ProviderSimulator simulator = answering()) {
            JsonNode works = json(openAlex(simulator, QUERY));

            assertSameShape(Shapes.of(works, "results[].abstract_inverted_index"),
                    Shapes.of(SimulatorClient.json(fixture("openalex-works-search.json")), "results[].abstract_inverted_index"));
        }
    }

    @Test
    void zeroHitsHaveTheShapesOfTheEmptyFixtures() {
        try (ProviderSimulator simulator = findingNothing()) {
            assertSameShape(Shapes.of(json(esearch(simulator, QUERY))),
                    Shapes.of(SimulatorClient.json(fixture("ncbi-esearch-pubmed-empty-phrase-not-found.json"))));
            assertSameShape(Shapes.of(json(europePmc(simulator, QUERY))),
                    Shapes.of(SimulatorClient.json(fixture("europepmc-search-empty.json"))));
            assertSameShape(Shapes.of(json(clinicalTrials(simulator, QUERY, "countTotal", "true"))),
                    Shapes.of(SimulatorClient.json(fixture("clinicaltrials-studies-empty.json"))));
            JsonNode works = json(openAlex(simulator, QUERY));
            assertThat(works.path("meta").path("count").asInt()).isZero();
            assertThat(works.path("results").isEmpty()).isTrue();
        }
    }

    private static String lastCursor(ProviderSimulator simulator) {
        String cursor = "*";
        while (true) {
            JsonNode page = json(europePmc(simulator, QUERY, "pageSize", "6", "cursorMark", cursor));
            if (!page.has("nextCursorMark")) {
                return cursor;
            }
            cursor = page.path("nextCursorMark").asText();
        }
    }
}
