package dev.detour.adapters.clinicaltrials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.EvidenceSourceType;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.OptionProblem;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ClinicalTrialsSourceTypeTest {

    private static final AdapterSettings ENTRY = AdapterSettings.of("clinicaltrials", ClinicalTrialsSettings.DEFAULT_BASE_URL);

    @Test
    void isRegisteredForServiceLoaderUnderTheNameClinicaltrials() {
        assertThat(ServiceLoader.load(EvidenceSourceType.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(type -> type.name().equals("clinicaltrials"))
                .singleElement().isInstanceOf(ClinicalTrialsSourceType.class)
                .satisfies(type -> assertThat(type.defaultBaseUrl()).contains(URI.create("https://clinicaltrials.gov/api/v2")));
    }

    @Test
    void acceptsTheHttpLimitsOfEveryAdapterAndStatesNoRateLimit() {
        ClinicalTrialsSourceType type = new ClinicalTrialsSourceType();

        assertThat(type.options()).extracting(Option::key).containsExactly("connect-timeout", "read-timeout",
                "call-timeout", "max-response-bytes", "max-concurrent-calls");
        assertThat(type.problems(Map.of("page-size", "10"))).containsExactly(new OptionProblem("page-size",
                "not an option of type clinicaltrials; known options: connect-timeout, read-timeout, call-timeout,"
                        + " max-response-bytes, max-concurrent-calls"));
        assertThat(type.requestsPerSecond(ENTRY, AdapterKey.none())).isEmpty();
    }

    @Test
    void settingsTakeTheEntrysNameUrlAndLimits() {
        ClinicalTrialsSettings settings = ClinicalTrialsSettings.from(ENTRY.withOptions(Map.of("read-timeout", "5s")));

        assertThat(settings.sourceName()).isEqualTo("clinicaltrials");
        assertThat(settings.baseUrl()).isEqualTo(ClinicalTrialsSettings.DEFAULT_BASE_URL);
        assertThat(settings.limits().readTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopback() {
        assertThatThrownBy(() -> new ClinicalTrialsSourceType().open(AdapterSettings.of("clinicaltrials",
                URI.create("http://clinicaltrials.gov/api/v2")), AdapterKey.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
    }

    @Test
    void opensASource() {
        try (EvidenceSource source = new ClinicalTrialsSourceType().open(ENTRY, AdapterKey.none())) {
            assertThat(source.toString()).contains("clinicaltrials");
        }
    }
}
