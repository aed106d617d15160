package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.OptionProblem;
import dev.detour.core.spi.ProviderType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HuggingFaceProviderTypeTest {

    private static final String TOKEN = "hf_FakeTypeToken";
    private static final AdapterSettings ENTRY = AdapterSettings.of("hf", URI.create("https://router.huggingface.co"));

    @Test
    void isRegisteredForServiceLoaderUnderTheNameHuggingface() {
        assertThat(ServiceLoader.load(ProviderType.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(type -> type.name().equals("huggingface"))
                .singleElement().isInstanceOf(HuggingFaceProviderType.class)
                .satisfies(type -> assertThat(type.defaultBaseUrl()).contains(HuggingFaceSettings.DEFAULT_BASE_URL));
    }

    @Test
    void acceptsRoutesAndTheHttpLimitsOfEveryAdapter() {
        assertThat(new HuggingFaceProviderType().options()).extracting(Option::key).containsExactly("route.<provider>",
                "connect-timeout", "read-timeout", "call-timeout", "max-response-bytes", "max-concurrent-calls");
    }

    @Test
    void reportsEachUnreadableOptionByItsKeyWithWhatToWrite() {
        assertThat(new HuggingFaceProviderType().problems(Map.of("connect-timeout", "5 parsecs", "route.fastest",
                "/v3/openai/chat/completions", "max-concurrent-calls", "many"))).containsExactly(
                new OptionProblem("connect-timeout",
                        "\"5 parsecs\" is not a duration (use a number with a unit: 500ms, 30s, 5m)"),
                new OptionProblem("max-concurrent-calls",
                        "\"many\" is not a whole number (use a whole number of at least 1)"),
                new OptionProblem("route.fastest", "\"fastest\" is a routing policy, not a provider: a legacy route"
                        + " needs a provider name such as \"novita\""));
    }

    @Test
    void settingsTakeTheEntrysNameUrlKeyAndLimitsAndTheDefaultsForTheRest() {
        HuggingFaceSettings settings = HuggingFaceSettings.from(
                new AdapterSettings("eu", URI.create("http://gpu-box.lan:8080"), true,
                        Map.of("max-concurrent-calls", "8", "read-timeout", "2m")),
                AdapterKey.of("EU_HF_TOKEN", Secret.of(TOKEN)));

        assertThat(settings.providerName()).isEqualTo("eu");
        assertThat(settings.baseUrl()).isEqualTo(URI.create("http://gpu-box.lan:8080"));
        assertThat(settings.allowInsecureHttp()).isTrue();
        assertThat(settings.token()).contains(Secret.of(TOKEN));
        assertThat(settings.tokenVariable()).isEqualTo("EU_HF_TOKEN");
        assertThat(settings.limits()).isEqualTo(new HttpLimits(HuggingFaceSettings.defaults().limits().connectTimeout(),
                Duration.ofMinutes(2), HuggingFaceSettings.defaults().limits().callTimeout(),
                HuggingFaceSettings.defaults().limits().maxResponseBytes(), 8));
    }

    @Test
    void withoutAKeyCallsAreAnonymousAndMessagesNameTheVariableToSet() {
        assertThat(HuggingFaceSettings.from(ENTRY, AdapterKey.unset("MY_HF_TOKEN")))
                .satisfies(settings -> {
                    assertThat(settings.token()).isEmpty();
                    assertThat(settings.tokenVariable()).isEqualTo("MY_HF_TOKEN");
                });
        assertThat(HuggingFaceSettings.from(ENTRY, AdapterKey.none()).tokenVariable()).isEqualTo("HF_TOKEN");
    }
}
