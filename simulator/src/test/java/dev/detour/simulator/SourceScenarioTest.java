package dev.detour.simulator;

import static dev.detour.simulator.EvidenceClient.esearch;
import static dev.detour.simulator.EvidenceClient.json;
import static dev.detour.simulator.EvidenceClient.pmids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scripting evidence sources, in code and in YAML, and what a scenario refuses to script for them. */
class SourceScenarioTest {

    private static Scenario parse(String yaml) {
        return ScenarioYaml.parse(yaml, "test", "scenario test.yaml", Optional.empty());
    }

    @Test
    void buildsAScenarioOfScriptedSourcesNextToItsModels() {
        Scenario scenario = Scenario.builder("grounded")
                .model("hf:Qwen/Qwen2.5-72B-Instruct", m -> m.always(Behaviour.ok()))
                .source("pubmed", s -> s.sequence(Behaviour.payload(429, "ncbi-error-429-rate-limit.json"), Behaviour.ok()))
                .source("pubmed:efetch", s -> s.always(Behaviour.errorIn200()))
                .source("openalex", s -> s.mix(1, Behaviour.ok()).mix(1, Behaviour.noHits()))
                .build();

        assertThat(scenario.sources().keySet()).extracting(SourceKey::toString)
                .containsExactly("pubmed", "pubmed:efetch", "openalex");
        assertThat(scenario.toString()).contains("sources=[pubmed, pubmed:efetch, openalex]");
    }

    @Test
    void refusesWhatASourceCannotDoInCode() {
        assertThatThrownBy(() -> Scenario.builder("x").source("crossref", s -> s.always(Behaviour.ok())))
                .hasMessage("source key \"crossref\": \"crossref\" is not an evidence source; sources: pubmed, europepmc,"
                        + " clinicaltrials, openalex");
        assertThatThrownBy(() -> Scenario.builder("x").source("pubmed:einfo", s -> s.always(Behaviour.ok())))
                .hasMessage("source key \"pubmed:einfo\": \"einfo\" is not an endpoint of pubmed; its endpoints: efetch,"
                        + " esearch, esummary");
        assertThatThrownBy(() -> Scenario.builder("x").source("europepmc", s -> s.always(Behaviour.errorIn200())))
                .hasMessage("kind error-in-200 is what PubMed's E-utilities do, not europepmc; script a status, html,"
                        + " malformed or no-hits for it");
        assertThatThrownBy(() -> Scenario.builder("x").source("openalex", s -> s.always(Behaviour.streamCut(1))))
                .hasMessage("kind stream-cut is for a model's SSE stream; an evidence source answers one body: use"
                        + " disconnect, drip or malformed");
        assertThatThrownBy(() -> Scenario.builder("x").source("pubmed", s -> s.always(Behaviour.okEndingWith("length"))))
                .hasMessage("finish-reason is for models; the ok answer of source pubmed has none");
        assertThatThrownBy(() -> Scenario.builder("x").source("pubmed", s -> { }))
                .hasMessage("source pubmed has no plan; say what it answers with always, sequence, cycle or mix");
        assertThatThrownBy(() -> Scenario.builder("x").source("pubmed", s -> s.always(Behaviour.ok()).cycle(Behaviour.ok())))
                .hasMessage("source pubmed is given two plans; use one of always, sequence, cycle, or mix calls");
        Scenario.Builder twice = Scenario.builder("x")
                .source("pubmed", s -> s.always(Behaviour.ok()))
                .source("pubmed", s -> s.always(Behaviour.ok()));
        assertThatThrownBy(twice::build).hasMessage("source pubmed is scripted twice; script it once");
    }

    @Test
    void refusesTheSourceKindsForAModel() {
        assertThatThrownBy(() -> Scenario.builder("x").model("openai:m", m -> m.always(Behaviour.errorIn200())))
                .hasMessageStartingWith("kind error-in-200 is for PubMed (an evidence source), not for a model");
        assertThatThrownBy(() -> Scenario.builder("x").model("openai:m", m -> m.always(Behaviour.noHits())))
                .hasMessageStartingWith("kind no-hits is for evidence sources, not for a model");
    }

    @Test
    void loadsAFileScriptingEverySourceKind() throws URISyntaxException {
        Scenario scenario = Scenario.load(Path.of(SourceScenarioTest.class.getResource("/simulator/every-source-kind.yaml").toURI()));

        assertThat(scenario.sources()).hasSize(5);
        assertThat(scenario.rules()).isEmpty();
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
            List<Integer> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                var response = esearch(simulator, "asthma");
                statuses.add(response.statusCode());
                bodies.add(response.body());
            }
            assertThat(statuses).containsExactly(429, 500, 200, 200, 200);
            assertThat(bodies.get(0)).isEqualTo(Payloads.read("ncbi-error-429-rate-limit.json"));
            assertThat(SimulatorClient.json(bodies.get(2)).path("esearchresult").path("ERROR").asText())
                    .isEqualTo("Search Backend failed: from the file");
            assertThat(SimulatorClient.json(bodies.get(3)).path("esearchresult").path("count").asText()).isEqualTo("0");
            assertThat(bodies.get(4)).doesNotEndWith("}");
            assertThat(RawHttp.get(EvidenceClient.url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "term", "asthma")).body())
                    .hasSize(7);
            assertThat(RawHttp.get(EvidenceClient.url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "term", "asthma")).head())
                    .isEmpty();
            assertThat(RawHttp.get(EvidenceClient.url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "term", "asthma")).chunkSizes())
                    .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(64));
            assertThat(esearch(simulator, "asthma").body()).hasSize(4096);
            assertThat(pmids(esearch(simulator, "asthma"))).isNotEmpty();
            assertThat(EvidenceClient.efetch(simulator, List.of("1")).body()).contains("<ERROR>");
            assertThat(EvidenceClient.clinicalTrials(simulator, "asthma").body()).isEqualTo("`filter.phase` is unknown parameter");
            assertThat(EvidenceClient.clinicalTrials(simulator, "asthma").statusCode()).isEqualTo(200);
            assertThat(json(EvidenceClient.openAlex(simulator, "asthma")).path("error").asText())
                    .isEqualTo("Invalid query parameters error.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        unknown source | `sources: {crossref: {behaviours: [ok]}}` | `scenario test.yaml: sources.crossref: "crossref" is not an evidence source; sources: pubmed, europepmc, clinicaltrials, openalex`
        unknown endpoint | `sources: {"pubmed:einfo": {behaviours: [ok]}}` | `scenario test.yaml: sources.pubmed:einfo: "einfo" is not an endpoint of pubmed; its endpoints: efetch, esearch, esummary`
        served-by on a source | `sources: {pubmed: {served-by: novita, behaviours: [ok]}}` | `scenario test.yaml: sources.pubmed.served-by: unknown field for a source; known fields: behaviours, mix, then`
        error inside 200 elsewhere | `sources: {europepmc: {behaviours: [error-in-200]}}` | `scenario test.yaml: sources.europepmc.behaviours[0]: kind error-in-200 is what PubMed's E-utilities do, not europepmc; script a status, html, malformed or no-hits for it`
        stream kind for a source | `sources: {openalex: {behaviours: [{kind: stream-cut}]}}` | `scenario test.yaml: sources.openalex.behaviours[0].kind: kind stream-cut is for models only; kinds for a source: ok, status, html, malformed, disconnect, drip, oversized, error-in-200, no-hits`
        source kind for a model | `models: {'openai:m': {behaviours: [no-hits]}}` | `scenario test.yaml: models."openai:m".behaviours[0]: kind no-hits is for evidence sources only; kinds for a model: ok, status, html, malformed, disconnect, drip, stream-cut, stream-error, oversized`
        finish reason for a source | `sources: {pubmed: {behaviours: [{finish-reason: length}]}}` | `scenario test.yaml: sources.pubmed.behaviours[0]: finish-reason is for models; the ok answer of source pubmed has none`
        message on two lines | `sources: {pubmed: {behaviours: [{kind: error-in-200, message: "a\\nb"}]}}` | `scenario test.yaml: sources.pubmed.behaviours[0]: the message of error-in-200 must be on one line`
        sources not a map | `sources: [pubmed]` | `scenario test.yaml: sources: sources maps a source such as pubmed or "pubmed:efetch" to what it does; found a list`
        """)
    void refusesAWrongSourceValueInOneLineNamingWhereItIs(String what, String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).as(what).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
