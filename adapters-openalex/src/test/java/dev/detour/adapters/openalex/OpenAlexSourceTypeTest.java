package dev.detour.adapters.openalex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.EvidenceSourceType;
import dev.detour.core.spi.Option;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenAlexSourceTypeTest {

    private static final AdapterSettings ENTRY = AdapterSettings.of("openalex", OpenAlexSettings.DEFAULT_BASE_URL);
    private static final AdapterKey KEY = AdapterKey.of("OPENALEX_API_KEY", Secret.of("openalex-type-test-key-0123456789"));

    @Test
    void isRegisteredForServiceLoaderUnderTheNameOpenalex() {
        assertThat(ServiceLoader.load(EvidenceSourceType.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(type -> type.name().equals("openalex"))
                .singleElement().isInstanceOf(OpenAlexSourceType.class)
                .satisfies(type -> assertThat(type.defaultBaseUrl()).contains(URI.create("https://api.openalex.org")));
    }

    @Test
    void acceptsTheHttpLimitsOfEveryAdapter() {
        assertThat(new OpenAlexSourceType().options()).extracting(Option::key).containsExactly("connect-timeout",
                "read-timeout", "call-timeout", "max-response-bytes", "max-concurrent-calls");
    }

    @Test
    void settingsTakeTheEntrysNameUrlKeyAndLimits() {
        OpenAlexSettings settings = OpenAlexSettings.from(ENTRY.withOptions(Map.of("call-timeout", "20s")), KEY);

        assertThat(settings.sourceName()).isEqualTo("openalex");
        assertThat(settings.baseUrl()).isEqualTo(OpenAlexSettings.DEFAULT_BASE_URL);
        assertThat(settings.apiKey()).isEqualTo(Secret.of("openalex-type-test-key-0123456789"));
        assertThat(settings.limits().callTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesToOpenWithoutAKeyInOneLineNamingTheVariableToSet() {
        assertThatThrownBy(() -> new OpenAlexSourceType().open(ENTRY, AdapterKey.unset("OPENALEX_API_KEY")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evidence source openalex (openalex) is not usable without a key: set OPENALEX_API_KEY to"
                        + " your OpenAlex API key (required since February 2026), or leave openalex out of evidence.use");
    }

    @Test
    void namesTheEntrysOwnKeyVariableOrTheDefaultOneWhenItNamesNone() {
        assertThatThrownBy(() -> new OpenAlexSourceType().open(ENTRY, AdapterKey.unset("MY_OPENALEX_KEY")))
                .hasMessageContaining("set MY_OPENALEX_KEY ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new OpenAlexSourceType().open(ENTRY, AdapterKey.none()))
                .hasMessageContaining("set OPENALEX_API_KEY ");
    }

    @Test
    void saysWithoutOpeningThatAnEntryWithoutAKeyCannotBeSearchedInTheWordsOpenRefusesIt() {
        assertThat(new OpenAlexSourceType().missingKey(ENTRY, AdapterKey.unset("MY_OPENALEX_KEY")))
                .contains("evidence source openalex (openalex) is not usable without a key: set MY_OPENALEX_KEY to"
                        + " your OpenAlex API key (required since February 2026), or leave openalex out of evidence.use");
        assertThat(new OpenAlexSourceType().missingKey(ENTRY, AdapterKey.none())).hasValueSatisfying(reason ->
                assertThat(reason).contains("set OPENALEX_API_KEY "));
        assertThat(new OpenAlexSourceType().missingKey(ENTRY, KEY)).isEmpty();
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopback() {
        assertThatThrownBy(() -> new OpenAlexSourceType().open(AdapterSettings.of("openalex",
                URI.create("http://api.openalex.org")), KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
    }

    @Test
    void opensASourceThatNeverShowsItsKey() {
        try (EvidenceSource source = new OpenAlexSourceType().open(ENTRY, KEY)) {
            assertThat(source.toString()).contains("openalex").doesNotContain("openalex-type-test-key");
        }
    }
}
