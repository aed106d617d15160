package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.chat;
import static dev.detour.simulator.SimulatorClient.content;
import static dev.detour.simulator.SimulatorClient.json;
import static dev.detour.simulator.SimulatorClient.openAi;
import static dev.detour.simulator.SimulatorClient.router;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInScenariosTest {

    private static final String QWEN_72B = "Qwen/Qwen2.5-72B-Instruct";
    private static final String QWEN_7B = "Qwen/Qwen2.5-7B-Instruct";

    static List<String> names() {
        return Scenario.names();
    }

    @Test
    void offersTheDemoScenariosWithHfOutageFirst() {
        assertThat(Scenario.names()).containsExactly("hf-outage", "rate-limited", "all-down", "sources-down");
    }

    @ParameterizedTest
    @MethodSource("names")
    void loadsEveryBuiltInWithADescription(String name) {
        Scenario scenario = Scenario.builtIn(name);

        assertThat(scenario.name()).isEqualTo(name);
        assertThat(scenario.description()).isNotBlank();
    }

    @Test
    void refusesAnUnknownNameListingTheBuiltIns() {
        assertThatThrownBy(() -> Scenario.builtIn("everything-fine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no built-in scenario \"everything-fine\"; built-in scenarios: hf-outage, rate-limited,"
                        + " all-down, sources-down (or give the path of a scenario YAML file)");
    }

    @Test
    void hfOutageHasTheSeventyTwoBOnNovitaAnswer500EveryTime() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            for (int attempt = 0; attempt < 3; attempt++) {
                HttpResponse<String> response = router(simulator, chat(QWEN_72B, "What happened?"));

                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(response.headers().firstValue("x-inference-provider")).hasValue("novita");
                assertThat(response.body()).isEqualTo(Payloads.read("hf-router-error-500-representative.json"));
            }
        }
    }

    @Test
    void hfOutageHasTheFallbackModelsAnswer() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            HttpResponse<String> sevenB = router(simulator, chat(QWEN_7B, "What happened?"));
            HttpResponse<String> openAi = openAi(simulator, chat("gpt-4o-mini", "What happened?"));

            assertThat(sevenB.statusCode()).isEqualTo(200);
            assertThat(sevenB.headers().firstValue("x-inference-provider")).hasValue("hf-inference");
            assertThat(content(sevenB)).startsWith("[simulated by Qwen/Qwen2.5-7B-Instruct via hf-inference]");
            assertThat(openAi.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void hfOutageAnswersTheResearchSchemasSoARunCanComplete() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            String verdict = content(router(simulator,
                    SimulatorClient.structuredChat(QWEN_7B, "Judge this.", SchemaInstanceTest.VERDICT)));

            assertThat(json(verdict).path("sufficient").asBoolean()).isTrue();
        }
    }

    @Test
    void rateLimitedAnswers429WithRetryAfterOnceThenAnswers() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("rate-limited"))) {
            HttpResponse<String> first = router(simulator, chat(QWEN_72B, "q"));
            HttpResponse<String> second = router(simulator, chat(QWEN_72B, "q"));
            HttpResponse<String> third = router(simulator, chat(QWEN_72B, "q"));

            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(first.headers().firstValue("retry-after")).hasValue("1");
            assertThat(first.headers().firstValue("x-inference-provider")).hasValue("novita");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(third.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void allDownHasEveryChainModelFailWithItsOwnRealBody() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("all-down"))) {
            HttpResponse<String> seventyTwoB = router(simulator, chat(QWEN_72B, "q"));
            HttpResponse<String> sevenB = router(simulator, chat(QWEN_7B, "q"));
            HttpResponse<String> openAi = openAi(simulator, chat("gpt-4o-mini", "q"));

            assertThat(seventyTwoB.statusCode()).isEqualTo(500);
            assertThat(seventyTwoB.headers().firstValue("x-inference-provider")).hasValue("novita");
            assertThat(sevenB.statusCode()).isEqualTo(402);
            assertThat(sevenB.body()).isEqualTo(Payloads.read("hf-router-error-402-credits-exhausted.json"));
            assertThat(openAi.statusCode()).isEqualTo(401);
            assertThat(json(openAi.body()).path("error").path("code").asText()).isEqualTo("invalid_api_key");
        }
    }

    @Test
    void allDownHasEveryOtherModelFailToo() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("all-down"))) {
            assertThat(router(simulator, chat("meta-llama/Llama-3.1-8B-Instruct", "q")).statusCode()).isEqualTo(500);
            assertThat(openAi(simulator, chat("gpt-4.1", "q")).statusCode()).isEqualTo(500);
        }
    }

    @Test
    void hfOutageHasPubMedAnswerNcbis429TwiceWithoutRetryAfterThenRecover() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            List<HttpResponse<String>> searches = List.of(EvidenceClient.esearch(simulator, "tides"),
                    EvidenceClient.esearch(simulator, "tides"), EvidenceClient.esearch(simulator, "tides"));
            HttpResponse<String> fetch = EvidenceClient.efetch(simulator, EvidenceClient.pmids(searches.get(2)));

            assertThat(searches).extracting(HttpResponse::statusCode).containsExactly(429, 429, 200);
            assertThat(searches.getFirst().body()).isEqualTo(Payloads.read("ncbi-error-429-rate-limit.json"));
            assertThat(searches.getFirst().headers().firstValue("retry-after")).isEmpty();
            assertThat(EvidenceClient.pmids(searches.get(2))).isNotEmpty();
            assertThat(fetch.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void hfOutageHasEuropePmcClinicalTrialsAndOpenAlexAnswer() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            assertThat(EvidenceClient.europePmc(simulator, "tides").statusCode()).isEqualTo(200);
            assertThat(EvidenceClient.clinicalTrials(simulator, "tides").statusCode()).isEqualTo(200);
            assertThat(EvidenceClient.openAlex(simulator, "tides").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void sourcesDownHasEverySourceFailOnEveryRequest() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("sources-down"))) {
            List<Integer> pubMed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pubMed.add(EvidenceClient.esearch(simulator, "tides").statusCode());
            }
            HttpResponse<String> html = EvidenceClient.esearch(simulator, "tides");

            assertThat(pubMed).containsExactly(429, 500, 429, 500);
            assertThat(html.statusCode()).isEqualTo(429);
            assertThat(EvidenceClient.esearch(simulator, "tides").body()).startsWith("<html>");
            for (int i = 0; i < 3; i++) {
                assertThat(EvidenceClient.europePmc(simulator, "tides").statusCode()).isEqualTo(503);
                assertThat(RawHttp.get(EvidenceClient.url(simulator.clinicalTrialsBaseUrl(), "/studies", "query.term", "tides"))
                        .head()).isEmpty();
                HttpResponse<String> openAlex = EvidenceClient.openAlex(simulator, "tides");
                assertThat(openAlex.statusCode()).isEqualTo(502);
                assertThat(openAlex.body()).startsWith("<html>");
            }
        }
    }

    @Test
    void sourcesDownHasEveryModelAnswer() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("sources-down"))) {
            HttpResponse<String> seventyTwoB = router(simulator, chat(QWEN_72B, "q"));

            assertThat(seventyTwoB.statusCode()).isEqualTo(200);
            assertThat(seventyTwoB.headers().firstValue("x-inference-provider")).hasValue("novita");
            assertThat(router(simulator, chat(QWEN_7B, "q")).statusCode()).isEqualTo(200);
            assertThat(openAi(simulator, chat("gpt-4o-mini", "q")).statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void scriptsOnlyWhatTheScenariosReadmeDocuments(String name) throws IOException {
        String readme = resource("/simulator/scenarios/README.md");

        assertThat(readme).contains("`" + name + "`");
        Scenario.builtIn(name).sources().keySet().forEach(key -> assertThat(readme).contains("`" + key + "`"));
    }

    @Test
    void bundlesEveryPayloadItNamesWithItsProvenanceInTheReadme() throws IOException {
        String readme = resource("/simulator/payloads/README.md");

        for (String name : Payloads.NAMES) {
            assertThat(Payloads.read(name)).as(name).isNotBlank();
            assertThat(readme).as("README entry of " + name).contains("`" + name + "`");
        }
    }

    @Test
    void namesEveryPayloadFileItBundles() throws IOException, URISyntaxException {
        Path folder = Path.of(BuiltInScenariosTest.class.getResource("/simulator/payloads/").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> !name.equals("README.md")))
                    .containsExactlyInAnyOrderElementsOf(Payloads.NAMES);
        }
    }

    @Test
    void keepsTheRealPayloadsByteForByte() {
        assertThat(Payloads.read("hf-router-error-401-invalid-credentials.json"))
                .isEqualTo("{\"error\":\"Invalid username or password.\"}");
        assertThat(Payloads.read("openai-error-500-server-error.json")).startsWith("{\n  \"error\": {\n").endsWith("}\n");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BuiltInScenariosTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
