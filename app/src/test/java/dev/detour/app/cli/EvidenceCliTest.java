package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.app.config.Environment;
import dev.detour.app.testing.SimulatedSources;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grounding from the command line: {@code --sources}, {@code --no-evidence}, {@code detour config}, the demo. */
class EvidenceCliTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int detour(String... args) {
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Environment.of(Map.of("DETOUR_HOME", directory.resolve("home").toString(), "NCBI_API_KEY", "FakeNcbiKey")),
                directory, false);
        return Main.run(context, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode groundedRun(ProviderSimulator simulator, String... options) throws IOException {
        Files.writeString(directory.resolve("grounded.yaml"), SimulatedSources.config(simulator));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "--config", "grounded.yaml",
                "--quiet", "--format", "json", "--output", "report.json"));
        args.addAll(java.util.List.of(options));
        args.add("Why do tides happen twice a day?");
        assertThat(detour(args.toArray(String[]::new))).as(stderr()).isZero();
        return new ObjectMapper().readTree(directory.resolve("report.json").toFile());
    }

    @Test
    void theSourcesOptionSearchesOnlyTheSourcesItNames() throws IOException {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            JsonNode report = groundedRun(simulator, "--sources", "europepmc");

            assertThat(simulator.requestCount("europepmc")).isPositive();
            assertThat(simulator.requestCount("pubmed")).isZero();
            assertThat(simulator.requestCount("clinicaltrials")).isZero();
            assertThat(report.get("references")).isNotEmpty()
                    .allSatisfy(reference -> assertThat(reference.get("source").asText()).isEqualTo("europepmc"));
        }
    }

    @Test
    void noEvidenceSearchesNothing() throws IOException {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            JsonNode report = groundedRun(simulator, "--no-evidence");

            assertThat(simulator.requestCount("pubmed") + simulator.requestCount("europepmc")
                    + simulator.requestCount("clinicaltrials")).isZero();
            assertThat(report.get("evidence")).isEmpty();
            assertThat(report.get("references")).isEmpty();
            assertThat(report.get("complete").asBoolean()).isTrue();
        }
    }

    @Test
    void aSourceTheConfigurationDoesNotDeclareIsAUsageProblem() {
        assertThat(detour("run", "--sources", "pubmed,scholar", "Why?")).isEqualTo(2);
        assertThat(stderr()).contains("--sources: \"scholar\" is not a declared source; declared sources: pubmed,"
                + " europepmc, clinicaltrials, openalex");
    }

    @Test
    void aKeyInASourceOfTheFileExitsWith2NamingItsKeyPath() throws IOException {
        Files.writeString(directory.resolve("keyed.yaml"), """
                sources:
                  pubmed: { type: pubmed, api-key: abc }
                """);

        assertThat(detour("config", "--config", "keyed.yaml")).isEqualTo(2);
        assertThat(stderr()).contains("sources.pubmed.api-key: API keys do not belong in the config file")
                .doesNotContain("abc");
    }

    @Test
    void configShowsEverySourceAndTheEvidenceSettingsWithTheirOrigin() throws IOException {
        Files.writeString(directory.resolve("sources.yaml"), """
                sources:
                  pubmed: { type: pubmed, email: research@example.org }
                  europepmc: { type: europepmc }
                evidence: { results-per-source: 3 }
                """);

        assertThat(detour("config", "--config", "sources.yaml")).isZero();
        assertThat(stdout()).containsPattern("sources\\.pubmed\\.base-url +https://eutils\\.ncbi\\.nlm\\.nih\\.gov/entrez/eutils +default")
                .containsPattern("sources\\.pubmed\\.email +research@example\\.org +file")
                .containsPattern("sources\\.pubmed\\.key-env +none \\(keyless\\) +default")
                .containsPattern("sources\\.pubmed\\.requests-per-second +3 +default")
                .containsPattern("evidence\\.use +pubmed, europepmc +default")
                .containsPattern("evidence\\.results-per-source +3 +file")
                .containsPattern("evidence\\.max-evidence-per-question +8 +default")
                .doesNotContain("FakeNcbiKey");
    }

    @Test
    void theDefaultConfigurationShowsTheKeyVariablesOfItsSourcesAndWhetherTheyAreSet() {
        assertThat(detour("config")).isZero();
        assertThat(stdout()).containsPattern("sources\\.pubmed\\.key-env +NCBI_API_KEY \\(set\\) +default")
                .containsPattern("sources\\.pubmed\\.requests-per-second +10 +default \\(NCBI_API_KEY is set\\)")
                .containsPattern("sources\\.openalex\\.key-env +OPENALEX_API_KEY \\(not set\\) +default")
                .doesNotContain("FakeNcbiKey");
    }

    @Test
    void theDemoIsGroundedAndSaysTheEvidenceIsSimulated() {
        assertThat(detour("demo", "--quiet")).isZero();

        assertThat(stdout()).contains("## References", "PMID:", "`pubmed` answered after 1 retry (HTTP 429 from pubmed)",
                "| Source | Searches tried |", "not by a model or a real database");
        assertThat(stderr()).contains("and so does every piece of evidence, not from a real database",
                "Sources: [pubmed, europepmc, clinicaltrials]");
    }

    @Test
    void theDemoWithEverySourceDownCompletesMarkedNotGrounded() {
        assertThat(detour("demo", "--scenario", "sources-down", "--quiet")).isZero();

        assertThat(stdout()).contains("_Not grounded: every evidence source failed; answered from the model alone._",
                "_No finding cites evidence._", "not by a model or a real database");
    }

    @Test
    void modelsListsTheSourcesWithTheirBaseUrlsAndWhetherTheirKeyIsSetButNeverTheKey() throws IOException {
        assertThat(detour("models")).isZero();
        assertThat(stdout()).contains("Evidence sources:")
                .containsPattern("pubmed +pubmed +https://eutils\\.ncbi\\.nlm\\.nih\\.gov/entrez/eutils +NCBI_API_KEY \\(set\\) +yes")
                .containsPattern("openalex +openalex +https://api\\.openalex\\.org +OPENALEX_API_KEY \\(not set\\) +no")
                .doesNotContain("FakeNcbiKey");

        out.reset();
        assertThat(detour("models", "--format", "json")).isZero();
        JsonNode sources = new ObjectMapper().readTree(stdout()).get("sources");
        assertThat(sources).extracting(source -> source.get("source").asText())
                .containsExactly("pubmed", "europepmc", "clinicaltrials", "openalex");
        assertThat(sources.get(0).get("keySet").asBoolean()).isTrue();
        assertThat(sources.get(0).get("baseUrl").asText()).isEqualTo("https://eutils.ncbi.nlm.nih.gov/entrez/eutils");
        assertThat(sources.get(3).get("searched").asBoolean()).isFalse();
        assertThat(stdout()).doesNotContain("FakeNcbiKey");
    }

    @Test
    void doctorProbesEveryEnabledSourceBesideTheModels() throws IOException {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("sources-down"))) {
            Files.writeString(directory.resolve("grounded.yaml"), SimulatedSources.config(simulator));

            assertThat(detour("doctor", "--config", "grounded.yaml", "--format", "json")).isZero();

            JsonNode doctor = new ObjectMapper().readTree(stdout());
            assertThat(doctor.get("sourcesProbed").asInt()).isEqualTo(3);
            assertThat(doctor.get("sourcesAnswered").asInt()).isZero();
            assertThat(doctor.get("sources")).extracting(source -> source.get("source").asText())
                    .containsExactly("pubmed", "europepmc", "clinicaltrials");
            assertThat(doctor.get("sources").get(1).get("httpStatus").asInt()).isEqualTo(503);
            assertThat(simulator.requestCount("europepmc")).isEqualTo(1);
            assertThat(stderr()).contains("probing 2 models and 3 sources at once", "source europepmc: ProviderUnavailable (HTTP 503)");
        }
    }
}
