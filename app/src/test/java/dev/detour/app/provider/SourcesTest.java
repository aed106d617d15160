package dev.detour.app.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderTypes;
import dev.detour.app.config.SourceConfig;
import dev.detour.app.config.SourceTypes;
import dev.detour.core.model.SourceRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Opening the configured sources: their rates, and OpenAlex disabled rather than called without its key. */
class SourcesTest {

    private static Sources open(Map<String, String> variables) {
        Environment environment = Environment.of(variables);
        DetourConfig config = new ConfigLoader(ProviderTypes.installed(), environment).defaults();
        return new Sources(config, SourceTypes.installed(), environment);
    }

    private static OptionalInt rateOf(Sources sources, String name) {
        return sources.opened().stream().filter(opened -> opened.source().equals(SourceRef.of(name))).findFirst()
                .orElseThrow().requestsPerSecond();
    }

    @Test
    void openAlexWithoutItsKeyIsDisabledWithOneLineAndLeftOutOfTheGrounding() {
        try (Sources sources = open(Map.of())) {
            assertThat(sources.opened()).extracting(Sources.Opened::source).extracting(SourceRef::name)
                    .containsExactly("pubmed", "europepmc", "clinicaltrials");
            assertThat(sources.grounding().sources()).containsExactly("pubmed", "europepmc", "clinicaltrials");
            assertThat(sources.notices()).singleElement().satisfies(notice -> assertThat(notice)
                    .startsWith("detour: source openalex is disabled: ").contains("OPENALEX_API_KEY").doesNotContain("\n"));
        }
    }

    @Test
    void openAlexWithItsKeyIsSearched() {
        try (Sources sources = open(Map.of("OPENALEX_API_KEY", "FakeOpenAlexKey"))) {
            assertThat(sources.grounding().sources()).containsExactly("pubmed", "europepmc", "clinicaltrials", "openalex");
            assertThat(sources.notices()).isEmpty();
        }
    }

    @Test
    void theSearchedSourcesAndNoticesAreKnownWithoutOpeningAnyAsOpeningThemGivesThem() {
        for (Map<String, String> variables : List.of(Map.<String, String>of(), Map.of("OPENALEX_API_KEY", "FakeOpenAlexKey"))) {
            Environment environment = Environment.of(variables);
            DetourConfig config = new ConfigLoader(ProviderTypes.installed(), environment).defaults();
            Sources.Searched searched = Sources.searched(config, SourceTypes.installed(), environment);
            try (Sources sources = open(variables)) {
                assertThat(searched.sources()).as("%s", variables.keySet()).isEqualTo(sources.grounding().sources());
                assertThat(searched.notices()).as("%s", variables.keySet()).isEqualTo(sources.notices());
            }
        }
    }

    @Test
    void aSourceThatNeedsAKeyButNamesNoVariableIsAProblemWithoutOpeningAny() {
        Environment environment = Environment.of(Map.of());
        DetourConfig config = new ConfigLoader(ProviderTypes.installed(), environment).defaults();
        SourceConfig openAlex = config.source("openalex").orElseThrow();
        Map<String, SourceConfig> sources = new LinkedHashMap<>(config.sources());
        sources.put("openalex", new SourceConfig("openalex", openAlex.type(), openAlex.baseUrl(), Optional.empty(), false,
                Map.of()));
        DetourConfig keyless = config.withEvidence(sources, config.evidence());

        assertThatThrownBy(() -> Sources.searched(keyless, SourceTypes.installed(), environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sources.openalex: evidence source openalex (openalex) is not usable without a key: set"
                        + " OPENALEX_API_KEY to your OpenAlex API key (required since February 2026), or leave openalex"
                        + " out of evidence.use");
        assertThatThrownBy(() -> new Sources(keyless, SourceTypes.installed(), environment))
                .hasMessageStartingWith("sources.openalex: evidence source openalex (openalex) is not usable");
    }

    @Test
    void pubMedIsLimitedToThreeSearchesASecondOrTenWithAKey() {
        try (Sources keyless = open(Map.of()); Sources keyed = open(Map.of("NCBI_API_KEY", "FakeNcbiKey"))) {
            assertThat(rateOf(keyless, "pubmed")).hasValue(3);
            assertThat(rateOf(keyed, "pubmed")).hasValue(10);
            assertThat(rateOf(keyless, "europepmc")).isEmpty();
            assertThat(keyless.opened()).as("ESearch then EFetch: the limiter counts both")
                    .filteredOn(opened -> opened.source().equals(SourceRef.of("pubmed")))
                    .singleElement().extracting(Sources.Opened::requestsPerSearch).isEqualTo(2);
        }
    }
}
