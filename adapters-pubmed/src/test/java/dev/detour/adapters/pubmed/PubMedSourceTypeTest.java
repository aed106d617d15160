package dev.detour.adapters.pubmed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.secret.Secret;
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

class PubMedSourceTypeTest {

    private static final AdapterSettings ENTRY = AdapterSettings.of("pubmed", PubMedSettings.DEFAULT_BASE_URL);
    private static final AdapterKey KEY = AdapterKey.of("NCBI_API_KEY", Secret.of("ncbi-type-test-key-0123456789"));

    @Test
    void isRegisteredForServiceLoaderUnderTheNamePubmed() {
        assertThat(ServiceLoader.load(EvidenceSourceType.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(type -> type.name().equals("pubmed"))
                .singleElement().isInstanceOf(PubMedSourceType.class)
                .satisfies(type -> assertThat(type.defaultBaseUrl())
                        .contains(URI.create("https://eutils.ncbi.nlm.nih.gov/entrez/eutils")));
    }

    @Test
    void acceptsEmailRequestsPerSecondAndTheHttpLimitsOfEveryAdapter() {
        assertThat(new PubMedSourceType().options()).extracting(Option::key).containsExactly("email",
                "requests-per-second", "connect-timeout", "read-timeout", "call-timeout", "max-response-bytes",
                "max-concurrent-calls");
    }

    @Test
    void reportsEachUnreadableOptionByItsKeyWithWhatToWrite() {
        assertThat(new PubMedSourceType().problems(Map.of("email", "nobody", "requests-per-second", "0",
                "retries", "3"))).containsExactly(
                new OptionProblem("email", "\"nobody\" is not an e-mail address (write one such as"
                        + " research@example.org, where NCBI can reach you)"),
                new OptionProblem("requests-per-second", "\"0\" is too small (use a whole number of at least 1)"),
                new OptionProblem("retries", "not an option of type pubmed; known options: email, requests-per-second,"
                        + " connect-timeout, read-timeout, call-timeout, max-response-bytes, max-concurrent-calls"));
        assertThat(new PubMedSourceType().problems(Map.of("email", "research@example.org", "requests-per-second", "2")))
                .isEmpty();
    }

    @Test
    void statesNcbisLimitOfThreeRequestsPerSecondTenWithAKeyUnlessTheEntrySetsOne() {
        PubMedSourceType type = new PubMedSourceType();

        assertThat(type.requestsPerSecond(ENTRY, AdapterKey.unset("NCBI_API_KEY"))).hasValue(3);
        assertThat(type.requestsPerSecond(ENTRY, KEY)).hasValue(10);
        assertThat(type.requestsPerSecond(ENTRY.withOptions(Map.of("requests-per-second", "1")), KEY)).hasValue(1);
    }

    @Test
    void settingsTakeTheEntrysNameUrlKeyEmailAndLimitsAndTheDefaultsForTheRest() {
        PubMedSettings settings = PubMedSettings.from(new AdapterSettings("ncbi", URI.create("http://127.0.0.1:9/eutils"),
                false, Map.of("email", " research@example.org ", "read-timeout", "5s")), KEY);

        assertThat(settings.sourceName()).isEqualTo("ncbi");
        assertThat(settings.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/eutils"));
        assertThat(settings.apiKey()).contains(Secret.of("ncbi-type-test-key-0123456789"));
        assertThat(settings.email()).contains("research@example.org");
        assertThat(settings.limits().readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.limits().connectTimeout()).isEqualTo(PubMedSettings.DEFAULT_LIMITS.connectTimeout());
    }

    @Test
    void isSearchedWithoutAKeyToo() {
        assertThat(new PubMedSourceType().missingKey(ENTRY, AdapterKey.unset("NCBI_API_KEY"))).isEmpty();
        assertThat(new PubMedSourceType().missingKey(ENTRY, AdapterKey.none())).isEmpty();
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopback() {
        assertThatThrownBy(() -> new PubMedSourceType().open(AdapterSettings.of("pubmed",
                URI.create("http://eutils.ncbi.nlm.nih.gov/entrez/eutils")), KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain http").hasMessageContaining("use https");
    }

    @Test
    void opensASourceThatNeverShowsItsKey() {
        try (EvidenceSource source = new PubMedSourceType().open(ENTRY, KEY)) {
            assertThat(source.toString()).contains("pubmed").doesNotContain("ncbi-type-test-key");
        }
    }
}
