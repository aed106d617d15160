package dev.detour.simulator;

import static dev.detour.simulator.EvidenceClient.clinicalTrials;
import static dev.detour.simulator.EvidenceClient.europePmc;
import static dev.detour.simulator.EvidenceClient.get;
import static dev.detour.simulator.EvidenceClient.json;
import static dev.detour.simulator.EvidenceClient.url;
import static dev.detour.simulator.EvidenceClient.xml;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests a source refuses, answered as that source would, before and whatever the scenario scripts. */
class SourceRequestsTest {

    private static ProviderSimulator failingEverything() {
        return ProviderSimulator.start(Scenario.builder("all fail")
                .source("pubmed", s -> s.always(Behaviour.status(500, "")))
                .source("europepmc", s -> s.always(Behaviour.status(500, "")))
                .source("clinicaltrials", s -> s.always(Behaviour.status(500, "")))
                .source("openalex", s -> s.always(Behaviour.status(500, "")))
                .build());
    }

    @Test
    void clinicalTrialsRefusesAnUnknownParameterWithItsPlainText400() {
        try (ProviderSimulator simulator = failingEverything()) {
            HttpResponse<String> response = clinicalTrials(simulator, "asthma", "filter.phase", "PHASE3");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.body()).isEqualTo("`filter.phase` is unknown parameter")
                    .isEqualTo(Payloads.read("clinicaltrials-error-400-unknown-parameter.txt"));
        }
    }

    @Test
    void openAlexRefusesASearchWithoutAnApiKeyWith403() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("fine").build())) {
            HttpResponse<String> response = get(url(simulator.openAlexBaseUrl(), "/works", "search", "asthma"));
            HttpResponse<String> blankKey = get(url(simulator.openAlexBaseUrl(), "/works", "search", "asthma", "api_key", ""));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).path("message").asText()).contains("api_key");
            assertThat(response.body()).isEqualTo(Payloads.read("openalex-error-403-api-key-required.json"));
            assertThat(blankKey.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aRefusedRequestDoesNotUseUpAScriptedTurn() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("one failure")
                .source("openalex", s -> s.sequence(Behaviour.status(500, ""), Behaviour.ok()))
                .build())) {
            assertThat(get(url(simulator.openAlexBaseUrl(), "/works", "search", "asthma")).statusCode()).isEqualTo(403);
            assertThat(EvidenceClient.openAlex(simulator, "asthma").statusCode()).isEqualTo(500);
            assertThat(EvidenceClient.openAlex(simulator, "asthma").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void eutilitiesAnswerRequestMistakesWithAnErrorInside200() {
        try (ProviderSimulator simulator = failingEverything()) {
            HttpResponse<String> noTerm = get(url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "db", "pubmed", "retmode", "json"));
            HttpResponse<String> wrongDb = get(url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "db", "pubmedx", "term", "x",
                    "retmode", "json"));
            HttpResponse<String> noIds = get(url(simulator.pubMedBaseUrl(), "/efetch.fcgi", "db", "pubmed", "rettype", "abstract"));

            assertThat(noTerm.statusCode()).isEqualTo(200);
            assertThat(json(noTerm).path("esearchresult").path("ERROR").asText()).isEqualTo("Empty term and query_key - nothing todo");
            assertThat(json(wrongDb).path("esearchresult").path("ERROR").asText()).isEqualTo("Invalid db name specified: pubmedx");
            assertThat(noIds.statusCode()).isEqualTo(200);
            assertThat(xml(noIds.body()).getElementsByTagName("ERROR").item(0).getTextContent())
                    .isEqualTo("ID list is empty! Possibly it has no correct IDs.");
        }
    }

    @Test
    void refusesPagingTokensItDidNotHandOut() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("fine").build())) {
            assertThat(europePmc(simulator, "asthma", "cursorMark", "AoIIQKfYxyg0NDIyNjA1Nw==").statusCode()).isEqualTo(400);
            assertThat(clinicalTrials(simulator, "asthma", "pageToken", "NF0g5JGBlPMuwQY").statusCode()).isEqualTo(400);
            assertThat(EvidenceClient.openAlex(simulator, "asthma", "cursor", "bogus").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void answersAPathASourceDoesNotServeWith404NamingTheOnesItDoes() {
        try (ProviderSimulator simulator = failingEverything()) {
            HttpResponse<String> response = get(URI.create(simulator.pubMedBaseUrl() + "/einfo.fcgi?db=pubmed"));

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("/eutils/esearch.fcgi", "/eutils/efetch.fcgi", "/eutils/esummary.fcgi");
        }
    }

    @Test
    void allowsOnlyGetAndForPubMedAFormPost() {
        try (ProviderSimulator simulator = failingEverything()) {
            HttpResponse<String> post = EvidenceClient.send(HttpRequest.newBuilder(URI.create(simulator.openAlexBaseUrl() + "/works"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            HttpResponse<String> delete = EvidenceClient.send(HttpRequest.newBuilder(
                    URI.create(simulator.pubMedBaseUrl() + "/esearch.fcgi")).timeout(Duration.ofSeconds(10)).DELETE().build());

            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("allow")).hasValue("GET");
            assertThat(delete.statusCode()).isEqualTo(405);
            assertThat(delete.headers().firstValue("allow")).hasValue("GET, POST");
        }
    }
}
