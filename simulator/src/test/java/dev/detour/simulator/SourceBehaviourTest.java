package dev.detour.simulator;

import static dev.detour.simulator.EvidenceClient.esearch;
import static dev.detour.simulator.EvidenceClient.get;
import static dev.detour.simulator.EvidenceClient.json;
import static dev.detour.simulator.EvidenceClient.pmids;
import static dev.detour.simulator.EvidenceClient.url;
import static dev.detour.simulator.EvidenceClient.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of behaviour a scenario can give a source, on each source's search endpoint. */
class SourceBehaviourTest {

    private static final String QUERY = "statins and muscle pain";

    /** Each source's search request, whether its answers are XML, and what only an answer with hits contains. */
    enum Searched {
        PUBMED("pubmed", false, "\"idlist\":[\"", simulator -> url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "db", "pubmed", "term", QUERY,
                "retmode", "json")),
        PUBMED_XML("pubmed", true, "<Id>", simulator -> url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "db", "pubmed", "term", QUERY)),
        EUROPE_PMC("europepmc", false, "Statins and muscle pain", simulator -> url(simulator.europePmcBaseUrl(), "/search", "query", QUERY,
                "resultType", "core", "format", "json")),
        CLINICAL_TRIALS("clinicaltrials", false, "Statins and muscle pain", simulator -> url(simulator.clinicalTrialsBaseUrl(), "/studies",
                "query.term", QUERY, "countTotal", "true")),
        OPENALEX("openalex", false, "Statins and muscle pain", simulator -> url(simulator.openAlexBaseUrl(), "/works", "search", QUERY,
                "api_key", EvidenceClient.KEY));

        final String source;
        final boolean xml;
        final String hit;
        final Function<ProviderSimulator, URI> url;

        Searched(String source, boolean xml, String hit, Function<ProviderSimulator, URI> url) {
            this.source = source;
            this.xml = xml;
            this.hit = hit;
            this.url = url;
        }

        ProviderSimulator simulating(Behaviour... behaviours) {
            return ProviderSimulator.start(Scenario.builder("one source")
                    .source(source, s -> s.sequence(behaviours[0], List.of(behaviours).subList(1, behaviours.length)
                            .toArray(Behaviour[]::new)))
                    .build());
        }

        HttpResponse<String> search(ProviderSimulator simulator) {
            return get(url.apply(simulator));
        }

        String normalAnswer() {
            try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("normal").build())) {
                return search(simulator).body();
            }
        }

        void assertParses(String body) {
            if (xml) {
                xml(body);
            } else {
                SimulatorClient.json(body);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void answersNormallyWhenUnscriptedAndTheSameForTheSameQuery(Searched searched) {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("plain").build())) {
            HttpResponse<String> response = searched.search(simulator);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-request-id")).isPresent();
            assertThat(response.body()).isEqualTo(searched.normalAnswer()).contains(searched.hit);
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void answersAScriptedStatusWithItsBodyAndHeaders(Searched searched) {
        Behaviour limited = Behaviour.payload(429, "ncbi-error-429-rate-limit.json").withHeader("X-RateLimit-Limit", "3");
        try (ProviderSimulator simulator = searched.simulating(limited)) {
            HttpResponse<String> response = searched.search(simulator);

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.body()).isEqualTo("{\"error\":\"API rate limit exceeded\",\"api-key\":\"192.0.2.1\",\"count\":\"11\",\"limit\":\"10\"}\n");
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.headers().firstValue("retry-after")).isEmpty();
            assertThat(response.headers().firstValue("x-ratelimit-limit")).hasValue("3");
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void answersABareStatusWithNoBody(Searched searched) {
        try (ProviderSimulator simulator = searched.simulating(Behaviour.status(503, ""))) {
            HttpResponse<String> response = searched.search(simulator);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void answersAnHtmlPageOnTheApiPath(Searched searched) {
        for (int status : new int[] {500, 200}) {
            try (ProviderSimulator simulator = searched.simulating(Behaviour.htmlPage(status))) {
                HttpResponse<String> response = searched.search(simulator);

                assertThat(response.statusCode()).isEqualTo(status);
                assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
                assertThat(response.body()).startsWith("<html>");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void answers200WithABodyThatBreaksOff(Searched searched) {
        try (ProviderSimulator simulator = searched.simulating(Behaviour.malformedJson())) {
            HttpResponse<String> response = searched.search(simulator);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(searched.normalAnswer()).startsWith(response.body());
            assertThatThrownBy(() -> searched.assertParses(response.body()))
                    .isInstanceOfAny(AssertionError.class, java.io.UncheckedIOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void dropsTheConnectionBeforeAnsweringOrAfterSomeBytes(Searched searched) {
        try (ProviderSimulator simulator = searched.simulating(Behaviour.disconnectBeforeHeaders(), Behaviour.disconnectAfter(10))) {
            RawHttp nothing = RawHttp.get(searched.url.apply(simulator));
            RawHttp cut = RawHttp.get(searched.url.apply(simulator));

            assertThat(nothing.head()).isEmpty();
            assertThat(cut.head()).startsWith("HTTP/1.1 200");
            assertThat(cut.body()).hasSize(10);
            assertThat(Integer.parseInt(cut.header("Content-Length"))).isGreaterThan(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void dripsTheNormalAnswerInSmallChunks(Searched searched) {
        try (ProviderSimulator simulator = searched.simulating(Behaviour.slowDrip(200, Duration.ofMillis(1)))) {
            RawHttp raw = RawHttp.get(searched.url.apply(simulator));

            assertThat(raw.chunkSizes()).hasSizeGreaterThan(1).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(200));
            assertThat(raw.decodedBody()).isEqualTo(searched.normalAnswer());
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void sendsAnOversizedAnswerOfExactlyTheScriptedSizeThatStillParses(Searched searched) {
        try (ProviderSimulator simulator = searched.simulating(Behaviour.oversized(256 * 1024))) {
            HttpResponse<String> response = searched.search(simulator);

            assertThat(response.body()).hasSize(256 * 1024);
            searched.assertParses(response.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void answersOnlyAfterTheScriptedLatency(Searched searched) {
        try (ProviderSimulator simulator = searched.simulating(Behaviour.ok().withLatency(Duration.ofMillis(150)))) {
            long started = System.nanoTime();
            HttpResponse<String> response = searched.search(simulator);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void answersAValidZeroHitAnswer(Searched searched) {
        try (ProviderSimulator simulator = searched.simulating(Behaviour.noHits())) {
            HttpResponse<String> response = searched.search(simulator);

            assertThat(response.statusCode()).isEqualTo(200);
            searched.assertParses(response.body());
            assertThat(response.body()).doesNotContain(searched.hit);
        }
    }

    @ParameterizedTest
    @EnumSource(Searched.class)
    void failsTwiceThenRecovers(Searched searched) {
        try (ProviderSimulator simulator = searched.simulating(Behaviour.htmlPage(502), Behaviour.status(500, ""), Behaviour.ok())) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(searched.search(simulator).statusCode());
            }

            assertThat(statuses).containsExactly(502, 500, 200, 200);
        }
    }

    @Test
    void putsAnErrorInsideHttp200OnEveryPubMedEndpoint() {
        String message = "Search Backend failed: Exception: simulated";
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("error in 200")
                .source("pubmed:esummary", s -> s.always(Behaviour.errorIn200(message)))
                .source("pubmed:efetch", s -> s.always(Behaviour.errorIn200(message)))
                .source("pubmed", s -> s.sequence(Behaviour.errorIn200(message), Behaviour.errorIn200(), Behaviour.ok()))
                .build())) {
            HttpResponse<String> search = esearch(simulator, QUERY);
            HttpResponse<String> searchXml = get(url(simulator.pubMedBaseUrl(), "/esearch.fcgi", "db", "pubmed", "term", QUERY));
            List<String> ids = pmids(esearch(simulator, QUERY));
            HttpResponse<String> summary = EvidenceClient.esummary(simulator, ids);
            HttpResponse<String> fetch = EvidenceClient.efetch(simulator, ids);

            assertThat(List.of(search, searchXml, summary, fetch)).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(json(search).path("esearchresult").path("ERROR").asText()).isEqualTo(message);
            assertThat(json(search).path("esearchresult").has("idlist")).isFalse();
            assertThat(xml(searchXml.body()).getElementsByTagName("ERROR").item(0).getTextContent())
                    .isEqualTo(ErrorIn200.DEFAULT_MESSAGE);
            assertThat(ids).isNotEmpty();
            assertThat(json(summary).path("esummaryresult").path(0).asText()).isEqualTo(message);
            assertThat(json(summary).has("result")).isFalse();
            assertThat(xml(fetch.body()).getDocumentElement().getTagName()).isEqualTo("eFetchResult");
            assertThat(xml(fetch.body()).getElementsByTagName("ERROR").item(0).getTextContent()).isEqualTo(message);
        }
    }

    @Test
    void scriptsOneEndpointApartFromTheRestOfItsSource() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("efetch down")
                .source("pubmed:efetch", s -> s.always(Behaviour.htmlPage(503)))
                .build())) {
            HttpResponse<String> search = esearch(simulator, QUERY);
            HttpResponse<String> fetch = EvidenceClient.efetch(simulator, pmids(search));

            assertThat(search.statusCode()).isEqualTo(200);
            assertThat(fetch.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void countsEachSourcesSequenceSeparately() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("two")
                .source("pubmed", s -> s.sequence(Behaviour.status(429, ""), Behaviour.ok()))
                .source("europepmc", s -> s.sequence(Behaviour.status(500, ""), Behaviour.ok()))
                .build())) {
            assertThat(Searched.PUBMED.search(simulator).statusCode()).isEqualTo(429);
            assertThat(Searched.EUROPE_PMC.search(simulator).statusCode()).isEqualTo(500);
            assertThat(Searched.PUBMED.search(simulator).statusCode()).isEqualTo(200);
            assertThat(Searched.EUROPE_PMC.search(simulator).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void drawsTheSameMixForTheSameSeed() {
        Scenario scenario = Scenario.builder("flaky").seed(11)
                .source("europepmc", s -> s.mix(1, Behaviour.ok()).mix(1, Behaviour.status(503, "")))
                .build();
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    statuses.add(Searched.EUROPE_PMC.search(simulator).statusCode());
                }
                runs.add(statuses);
            }
        }

        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 503);
    }
}
