package dev.detour.adapters.europepmc;

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

class EuropePmcSourceTypeTest {

    private static final AdapterSettings ENTRY = AdapterSettings.of("europepmc", EuropePmcSettings.DEFAULT_BASE_URL);

    @Test
    void isRegisteredForServiceLoaderUnderTheNameEuropepmc() {
        assertThat(ServiceLoader.load(EvidenceSourceType.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(type -> type.name().equals("europepmc"))
                .singleElement().isInstanceOf(EuropePmcSourceType.class)
                .satisfies(type -> assertThat(type.defaultBaseUrl())
                        .contains(URI.create("https://www.ebi.ac.uk/europepmc/webservices/rest")));
    }

    @Test
    void acceptsTheHttpLimitsOfEveryAdapterAndStatesNoRateLimit() {
        EuropePmcSourceType type = new EuropePmcSourceType();

        assertThat(type.options()).extracting(Option::key).containsExactly("connect-timeout", "read-timeout",
                "call-timeout", "max-response-bytes", "max-concurrent-calls");
        assertThat(type.problems(Map.of("email", "a@b.org"))).containsExactly(new OptionProblem("email",
                "not an option of type europepmc; known options: connect-timeout, read-timeout, call-timeout,"
                        + " max-response-bytes, max-concurrent-calls"));
        assertThat(type.requestsPerSecond(ENTRY, AdapterKey.none())).isEmpty();
    }

    @Test
    void settingsTakeTheEntrysNameUrlAndLimits() {
        EuropePmcSettings settings = EuropePmcSettings.from(ENTRY.withOptions(Map.of("call-timeout", "20s")));

        assertThat(settings.sourceName()).isEqualTo("europepmc");
        assertThat(settings.baseUrl()).isEqualTo(EuropePmcSettings.DEFAULT_BASE_URL);
        assertThat(settings.limits().callTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopback() {
        assertThatThrownBy(() -> new EuropePmcSourceType().open(AdapterSettings.of("europepmc",
                URI.create("http://www.ebi.ac.uk/europepmc/webservices/rest")), AdapterKey.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
    }

    @Test
    void opensASource() {
        try (EvidenceSource source = new EuropePmcSourceType().open(ENTRY, AdapterKey.none())) {
            assertThat(source.toString()).contains("europepmc");
        }
    }
}
