package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.spi.ModelProvider;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.OptionProblem;
import dev.detour.core.spi.ProviderType;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class OpenAiProviderTypeTest {

    private static final AdapterSettings ENTRY = AdapterSettings.of("openai", OpenAiSettings.OPENAI_BASE_URL);

    @Test
    void isRegisteredForServiceLoaderUnderTheNameOpenai() {
        assertThat(ServiceLoader.load(ProviderType.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(type -> type.name().equals("openai"))
                .singleElement().isInstanceOf(OpenAiProviderType.class)
                .satisfies(type -> assertThat(type.defaultBaseUrl()).contains(OpenAiSettings.OPENAI_BASE_URL));
    }

    @Test
    void acceptsTheTokenLimitFieldAndTheHttpLimitsOfEveryAdapter() {
        assertThat(new OpenAiProviderType().options()).extracting(Option::key).containsExactly("token-limit-field",
                "connect-timeout", "read-timeout", "call-timeout", "max-response-bytes", "max-concurrent-calls");
    }

    @Test
    void reportsEachUnreadableOrUnknownOptionByItsKeyWithWhatToWrite() {
        assertThat(new OpenAiProviderType().problems(Map.of("token-limit-field", "max_tokenz", "call-timeout", "10",
                "route.novita", "/v3/openai/chat/completions"))).containsExactly(
                new OptionProblem("call-timeout", "\"10\" is not a duration (use a number with a unit: 500ms, 30s, 5m)"),
                new OptionProblem("route.novita", "not an option of type openai; known options: token-limit-field,"
                        + " connect-timeout, read-timeout, call-timeout, max-response-bytes, max-concurrent-calls"),
                new OptionProblem("token-limit-field",
                        "token limit field must be one of max_completion_tokens, max_tokens, was \"max_tokenz\""));
    }

    @Test
    void settingsTakeTheEntrysNameUrlKeyAndOptionsAndTheDefaultsForTheRest() {
        OpenAiSettings settings = OpenAiSettings.from(ENTRY.withOptions(Map.of("token-limit-field", "max_tokens",
                "connect-timeout", "2s", "max-response-bytes", "65536")), AdapterKey.unset("OPENAI_API_KEY"));
        OpenAiSettings defaults = OpenAiSettings.builder().build();

        assertThat(settings.providerName()).isEqualTo("openai");
        assertThat(settings.baseUrl()).isEqualTo(OpenAiSettings.OPENAI_BASE_URL);
        assertThat(settings.apiKey()).isEmpty();
        assertThat(settings.apiKeyVariable()).contains("OPENAI_API_KEY");
        assertThat(settings.tokenLimitField()).isEqualTo(TokenLimitField.MAX_TOKENS);
        assertThat(settings.limits()).isEqualTo(new HttpLimits(Duration.ofSeconds(2), defaults.limits().readTimeout(),
                defaults.limits().callTimeout(), 65_536, defaults.limits().maxConcurrentCalls()));
    }

    @Test
    void settingsRefuseAnUnreadableOptionNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OpenAiSettings.from(ENTRY.withOptions(Map.of("read-timeout", "soon")), AdapterKey.none()))
                .withMessage("option read-timeout: \"soon\" is not a duration (use a number with a unit: 500ms, 30s, 5m)");
    }

    @Test
    void anOpenedProviderCallsItsBaseUrlWithItsKeyAndOptions() throws Exception {
        try (LoopbackProvider loopback = new LoopbackProvider()) {
            loopback.enqueueJson(200, Payloads.COMPLETION);
            AdapterSettings local = new AdapterSettings("local", loopback.baseUrl(), false,
                    Map.of("token-limit-field", "max_completion_tokens"));

            try (ModelProvider provider = new OpenAiProviderType().open(local,
                    AdapterKey.of("LOCAL_KEY", LoopbackProvider.KEY))) {
                provider.model("gpt-4o-mini").chat(ChatRequest.of(ChatMessage.user("Hi"))
                        .withOptions(GenerationOptions.defaults().withMaxOutputTokens(32)));
            }

            RecordedRequest request = loopback.takeRequest();
            JsonNode body = Payloads.JSON.readTree(LoopbackProvider.body(request));
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + LoopbackProvider.KEY.reveal());
            assertThat(body.path("max_completion_tokens").intValue()).isEqualTo(32);
            assertThat(body.has("max_tokens")).isFalse();
        }
    }

    @Test
    void anEntryWithoutAKeySendsNoAuthorization() throws Exception {
        try (LoopbackProvider loopback = new LoopbackProvider()) {
            loopback.enqueueJson(200, Payloads.COMPLETION);

            try (ModelProvider provider = new OpenAiProviderType().open(
                    AdapterSettings.of("local", loopback.baseUrl()), AdapterKey.none())) {
                provider.model("llama3:8b").chat(ChatRequest.of(ChatMessage.user("Hi")));
            }

            assertThat(loopback.takeRequest().getHeaders().get("Authorization")).isNull();
        }
    }
}
