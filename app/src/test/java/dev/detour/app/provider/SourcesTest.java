package dev.detour.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.SourceTypes;
import dev.detour.core.model.SourceRef;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Opening the configured sources: their rates, and OpenAlex disabled rather than called without its key. */
class SourcesTest {

    private static Sources open(Map<String, String> variables) {
        Environment environment = Environment.of(variables);
        DetourConfig config = new ConfigLoader(dev.detour.app.config.ProviderTypes.installed(), environment).defaults();
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
