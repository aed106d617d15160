package dev.detour.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionTest {

    private static final Option<String> ROUTE = Option.family("route.", "provider", (name, text) -> {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("the route of " + name + " must start with /, was \"" + text + "\"");
        }
        return text;
    });
    private static final Option<Duration> TIMEOUT = Option.duration("read-timeout");
    private static final List<Option<?>> ACCEPTED = List.of(ROUTE, TIMEOUT, Option.count("max-concurrent-calls"));

    private static AdapterSettings entry(Map<String, String> options) {
        return AdapterSettings.of("local", URI.create("http://localhost:8080")).withOptions(options);
    }

    @Test
    void aFamilyAdmitsEveryNameAfterItsPrefixAndIsShownWithItsPlaceholder() {
        assertThat(ROUTE.key()).isEqualTo("route.<provider>");
        assertThat(ROUTE.admits("route.novita")).isTrue();
        assertThat(ROUTE.admits("route.")).isFalse();
        assertThat(ROUTE.admits("routes.novita")).isFalse();
        assertThat(TIMEOUT.admits("read-timeout")).isTrue();
        assertThat(TIMEOUT.admits("read-timeout.x")).isFalse();
    }

    @Test
    void readsDurationsWithTheirUnit() {
        assertThat(entry(Map.of("read-timeout", "1m30s")).option(TIMEOUT)).contains(Duration.ofSeconds(90));
        assertThat(entry(Map.of("read-timeout", " 500ms ")).option(TIMEOUT)).contains(Duration.ofMillis(500));
        assertThat(entry(Map.of()).option(TIMEOUT)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "0s", "soon", "5 parsecs", "-1s"})
    void refusesADurationWithoutAUnitOrLongerThanZero(String text) {
        assertThat(Option.problems("local", ACCEPTED, Map.of("read-timeout", text))).containsExactly(new OptionProblem(
                "read-timeout", "\"" + text + "\" is not a duration (use a number with a unit: 500ms, 30s, 5m)"));
    }

    @Test
    void wholeNumbersAreAtLeastOneAndCountsFitAnInt() {
        Option<Long> bytes = Option.wholeNumber("max-response-bytes");
        List<Option<?>> accepted = List.of(bytes, Option.count("max-concurrent-calls"));

        assertThat(entry(Map.of("max-response-bytes", "65536")).option(bytes)).contains(65_536L);
        assertThat(Option.problems("local", accepted, Map.of("max-response-bytes", "8MB", "max-concurrent-calls",
                "3000000000"))).containsExactly(
                new OptionProblem("max-concurrent-calls", "\"3000000000\" is too large (use a whole number up to 2147483647)"),
                new OptionProblem("max-response-bytes", "\"8MB\" is not a whole number (use a whole number of at least 1)"));
        assertThat(Option.problems("local", accepted, Map.of("max-response-bytes", "0"))).containsExactly(
                new OptionProblem("max-response-bytes", "\"0\" is too small (use a whole number of at least 1)"));
    }

    @Test
    void aFamilyIsReadByTheNamesAfterItsPrefix() {
        assertThat(entry(Map.of("route.novita", "/v3/openai", "route.together", "/v1", "read-timeout", "1s"))
                .optionFamily(ROUTE)).containsExactly(Map.entry("novita", "/v3/openai"), Map.entry("together", "/v1"));
    }

    @Test
    void reportsEveryProblemByKeyInKeyOrderNamingTheKnownOptionsForAnUnknownOne() {
        assertThat(Option.problems("local", ACCEPTED, Map.of("route.novita", "v3", "voice", "loud", "read-timeout", "1s")))
                .containsExactly(
                        new OptionProblem("route.novita", "the route of novita must start with /, was \"v3\""),
                        new OptionProblem("voice", "not an option of type local; known options: route.<provider>,"
                                + " read-timeout, max-concurrent-calls"));
        assertThat(Option.problems("local", List.of(), Map.of("voice", "loud"))).containsExactly(
                new OptionProblem("voice", "not an option of type local; known options: none"));
    }

    @Test
    void readingAnUnreadableOptionNamesIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> entry(Map.of("read-timeout", "soon")).option(TIMEOUT))
                .withMessage("option read-timeout: \"soon\" is not a duration (use a number with a unit: 500ms, 30s, 5m)");
        assertThatIllegalArgumentException().isThrownBy(() -> entry(Map.of()).option(ROUTE))
                .withMessageContaining("optionFamily");
    }

    @Test
    void theDefaultProblemsOfATypeAreThoseOfItsDeclaredOptions() {
        ProviderType type = new ProviderType() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public List<Option<?>> options() {
                return ACCEPTED;
            }

            @Override
            public ModelProvider open(AdapterSettings settings, AdapterKey key) {
                throw new UnsupportedOperationException();
            }
        };

        assertThat(type.problems(Map.of("read-timeout", "30", "max-concurrent-calls", "4")))
                .extracting(OptionProblem::key).containsExactly("read-timeout");
        assertThat(type.defaultBaseUrl()).isEmpty();
    }
}
