package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.research.GroundingSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sources} and {@code evidence} sections, their defaults and their overrides, validated like providers. */
class SourcesConfigTest {

    private static final String CHAIN = "chain: [hf:Qwen/Qwen2.5-72B-Instruct]\n";

    @TempDir
    Path directory;

    private ConfigFixture fixture() {
        return new ConfigFixture(directory);
    }

    @Test
    void searchesTheFourPublicSourcesByDefault() {
        DetourConfig config = fixture().load(CHAIN);

        assertThat(config.sources()).containsOnlyKeys("pubmed", "europepmc", "clinicaltrials", "openalex");
        assertThat(config.source("pubmed")).contains(new SourceConfig("pubmed", "pubmed",
                URI.create("https://eutils.ncbi.nlm.nih.gov/entrez/eutils"), Optional.of("NCBI_API_KEY"), false, Map.of()));
        assertThat(config.source("europepmc").orElseThrow().baseUrl())
                .isEqualTo(URI.create("https://www.ebi.ac.uk/europepmc/webservices/rest"));
        assertThat(config.source("clinicaltrials").orElseThrow().baseUrl()).isEqualTo(URI.create("https://clinicaltrials.gov/api/v2"));
        assertThat(config.source("openalex").orElseThrow().keyEnv()).contains("OPENALEX_API_KEY");
        assertThat(config.evidence()).isEqualTo(new GroundingSettings(
                List.of("pubmed", "europepmc", "clinicaltrials", "openalex"), 5, 8));
    }

    @Test
    void theContractAsTheIssueWritesItLoadsAsTheDefaults() {
        // The issue writes "clinicaltrials:{", which YAML reads as a plain key; the space makes it a mapping.
        DetourConfig config = fixture().load(CHAIN + """
                sources:
                  pubmed:        { type: pubmed,         base-url: https://eutils.ncbi.nlm.nih.gov/entrez/eutils, key-env: NCBI_API_KEY, email: null, requests-per-second: 3 }
                  europepmc:     { type: europepmc,      base-url: https://www.ebi.ac.uk/europepmc/webservices/rest }
                  clinicaltrials: { type: clinicaltrials, base-url: https://clinicaltrials.gov/api/v2 }
                  openalex:      { type: openalex,       base-url: https://api.openalex.org, key-env: OPENALEX_API_KEY }
                evidence:
                  use: [pubmed, europepmc, clinicaltrials, openalex]   # in this order in the report
                  results-per-source: 5
                  max-evidence-per-question: 8
                """);
        DetourConfig defaults = fixture().load(CHAIN);

        assertThat(config.evidence()).isEqualTo(defaults.evidence());
        assertThat(config.source("pubmed").orElseThrow())
                .isEqualTo(defaults.source("pubmed").orElseThrow().withOptions(Map.of("requests-per-second", "3")));
        assertThat(config.sources().values().stream().skip(1).toList())
                .isEqualTo(defaults.sources().values().stream().skip(1).toList());
    }

    @Test
    void readsTheSectionsOfTheContract() {
        DetourConfig config = fixture().load(CHAIN + """
                sources:
                  pubmed: { type: pubmed, base-url: http://127.0.0.1:9000/eutils, key-env: MY_NCBI_KEY,
                            email: research@example.org, requests-per-second: 2 }
                  trials: { type: clinicaltrials }
                evidence:
                  use: [trials, pubmed]
                  results-per-source: 3
                  max-evidence-per-question: 4
                """);

        assertThat(config.sources()).containsOnlyKeys("pubmed", "trials");
        assertThat(config.source("pubmed").orElseThrow().options())
                .containsExactlyInAnyOrderEntriesOf(Map.of("email", "research@example.org", "requests-per-second", "2"));
        assertThat(config.source("pubmed").orElseThrow().keyEnv()).contains("MY_NCBI_KEY");
        assertThat(config.evidence()).isEqualTo(new GroundingSettings(List.of("trials", "pubmed"), 3, 4));
    }

    @Test
    void evidenceNoneAndNoEvidenceTurnGroundingOff() {
        assertThat(fixture().load(CHAIN + "evidence: none\n").evidence().enabled()).isFalse();
        assertThat(fixture().load(CHAIN + "evidence: { use: none }\n").evidence().enabled()).isFalse();
        assertThat(fixture().load(CHAIN, Overrides.none().withoutEvidence()).evidence().enabled()).isFalse();
        assertThat(fixture().load(CHAIN, Overrides.none().withSources("pubmed").withoutEvidence()).evidence().enabled())
                .isFalse();
    }

    @Test
    void theSourcesOptionReplacesEvidenceUse() {
        DetourConfig config = fixture().load(CHAIN + "evidence: { use: [pubmed], results-per-source: 2 }\n",
                Overrides.none().withSources("europepmc, clinicaltrials"));

        assertThat(config.evidence()).isEqualTo(new GroundingSettings(List.of("europepmc", "clinicaltrials"), 2, 8));
        assertThat(fixture().load(CHAIN + "evidence: none\n", Overrides.none().withSources("pubmed")).evidence().sources())
                .containsExactly("pubmed");
    }

    @Test
    void namesTheKeyPathOfEveryProblem() {
        assertThat(fixture().problems(CHAIN + """
                sources:
                  pubmed: { type: pubmed, rate: 3 }
                  remote: { type: europepmc, base-url: http://europepmc.example.org/rest }
                  odd: { type: scopus }
                  mail: { type: pubmed, email: nobody }
                evidence: { use: [pubmed, scholar], results-per-source: 0, per-question: 2 }
                """)).containsExactly(
                "sources.pubmed.rate: unknown key for type pubmed; allowed keys: type, base-url, key-env,"
                        + " allow-insecure-http, call-timeout, connect-timeout, email, max-concurrent-calls,"
                        + " max-response-bytes, read-timeout, requests-per-second",
                "sources.remote.base-url: \"http://europepmc.example.org/rest\" would send every query unencrypted to"
                        + " europepmc.example.org, which is not a loopback host; use https://, or set"
                        + " allow-insecure-http: true on this source if the network is trusted",
                "sources.odd.type: unknown source type \"scopus\"; known types: clinicaltrials, europepmc, openalex, pubmed",
                "sources.mail.email: \"nobody\" is not an e-mail address (write one such as research@example.org,"
                        + " where NCBI can reach you)",
                "evidence.per-question: unknown key; allowed keys: use,"
                        + " results-per-source, max-evidence-per-question",
                "evidence.results-per-source: 0 is too small (use a whole number of at least 1)",
                "evidence.use[1]: \"scholar\" is not a declared source; declared sources: pubmed, remote, odd, mail");
    }

    @Test
    void refusesAKeyWrittenIntoASourceAndSaysWhereKeysGo() {
        assertThat(fixture().problems(CHAIN + """
                sources:
                  openalex: { type: openalex, key-env: OPENALEX_API_KEY, api-key: abc }
                """)).containsExactly("sources.openalex.api-key: API keys do not belong in the config file; put the key"
                + " in the environment variable named by key-env (OPENALEX_API_KEY)");
    }

    @Test
    void theSourcesOptionNamesOnlyDeclaredSources() {
        assertThat(fixture().problems(CHAIN, Overrides.none().withSources("pubmed,scholar,pubmed"))).containsExactly(
                "--sources: \"scholar\" is not a declared source; declared sources: pubmed, europepmc, clinicaltrials,"
                        + " openalex",
                "--sources: \"pubmed\" is named twice; name each source once");
    }
}
