package dev.detour.adapters.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.spi.ProviderType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The {@code anthropic} type as the app sees it: found by ServiceLoader, its options, its settings. */
class AnthropicProviderTypeTest {

    @Test
    void isFoundOnTheClassPathByItsName() {
        assertThat(ServiceLoader.load(ProviderType.class).stream().map(ServiceLoader.Provider::get).map(ProviderType::name))
                .contains("anthropic");
    }

    @Test
    void acceptsTheHttpLimitsAndDefaultsToAnthropicsApiRoot() {
        AnthropicProviderType type = new AnthropicProviderType();

        assertThat(type.options()).isEqualTo(HttpLimits.OPTIONS);
        assertThat(type.defaultBaseUrl()).contains(URI.create("https://api.anthropic.com"));
        assertThat(type.problems(Map.of("read-timeout", "30s", "max-concurrent-calls", "8"))).isEmpty();
        assertThat(type.problems(Map.of("read-timeout", "30"))).singleElement()
                .satisfies(problem -> assertThat(problem.key()).isEqualTo("read-timeout"));
    }

    @Test
    void readsTheEntryTheKeyAndTheLimitsIntoItsSettings() {
        AnthropicSettings settings = AnthropicSettings.from(new AdapterSettings("claude",
                        URI.create("https://api.anthropic.com"), false, Map.of("read-timeout", "45s")),
                AdapterKey.of("ANTHROPIC_API_KEY", Secret.of("sk-ant-api03-fake-settings-key")));

        assertThat(settings.providerName()).isEqualTo("claude");
        assertThat(settings.apiKeyVariable()).contains("ANTHROPIC_API_KEY");
        assertThat(settings.limits().readTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.toString()).doesNotContain("sk-ant-api03-fake-settings-key");
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopbackUnlessAllowed() {
        URI remote = URI.create("http://claude.internal.example:8080");

        assertThatThrownBy(() -> AnthropicSettings.from(AdapterSettings.of("claude", remote), AdapterKey.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http to claude.internal.example");
        assertThat(AnthropicSettings.from(new AdapterSettings("claude", remote, true, Map.of()), AdapterKey.none())
                .baseUrl()).isEqualTo(remote);
        assertThat(AnthropicSettings.from(AdapterSettings.of("claude", URI.create("http://127.0.0.1:9")), AdapterKey.none())
                .apiKey()).isEmpty();
    }
}
