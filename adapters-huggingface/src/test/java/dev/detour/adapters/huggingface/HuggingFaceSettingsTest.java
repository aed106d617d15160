package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HuggingFaceSettingsTest {

    private static final String TOKEN = "hf_SettingsTestToken0123456789";

    private static HuggingFaceSettings fromOptions(Map<String, String> options) {
        return HuggingFaceSettings.from(AdapterSettings.of("hf", HuggingFaceSettings.DEFAULT_BASE_URL)
                .withOptions(options), AdapterKey.none());
    }

    @Test
    void defaultsCallThePublicRouterAnonymouslyThroughTheOpenAiCompatibleRoute() {
        HuggingFaceSettings settings = HuggingFaceSettings.defaults();

        assertThat(settings.providerName()).isEqualTo("hf");
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://router.huggingface.co"));
        assertThat(settings.token()).isEmpty();
        assertThat(settings.tokenVariable()).isEqualTo("HF_TOKEN");
        assertThat(settings.providerRoutes()).isEmpty();
        assertThat(settings.allowInsecureHttp()).isFalse();
    }

    @Test
    void theTokenIsReadFromTheNamedEnvironmentVariable() {
        HuggingFaceSettings settings = HuggingFaceSettings.defaults()
                .withTokenFrom("MY_HF_TOKEN", Map.of("MY_HF_TOKEN", TOKEN)::get);

        assertThat(settings.token()).contains(Secret.of(TOKEN));
        assertThat(settings.tokenVariable()).isEqualTo("MY_HF_TOKEN");
    }

    @Test
    void anUnsetOrBlankVariableMeansAnonymousCallsThatStillNameTheVariable() {
        HuggingFaceSettings unset = HuggingFaceSettings.defaults().withTokenFrom("HF_TOKEN", name -> null);
        HuggingFaceSettings blank = HuggingFaceSettings.defaults().withTokenFrom("HF_TOKEN", name -> "  ");

        assertThat(unset.token()).isEmpty();
        assertThat(blank.token()).isEmpty();
        assertThat(unset.tokenVariable()).isEqualTo("HF_TOKEN");
    }

    @Test
    void toStringNeverShowsTheToken() {
        HuggingFaceSettings settings = HuggingFaceSettings.defaults().withToken(Secret.of(TOKEN), "HF_TOKEN");

        assertThat(settings.toString()).doesNotContain(TOKEN).contains("from HF_TOKEN");
    }

    @Test
    void plainHttpToAHostThatIsNotLoopbackIsRefusedWhenTheSettingsAreBuilt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HuggingFaceSettings.defaults().withBaseUrl("http://router.example.com"))
                .withMessageContaining("plain http")
                .withMessageContaining("router.example.com")
                .withMessageContaining("https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:9000/", "http://[::1]:7000", "http://127.1.2.3"})
    void plainHttpToLoopbackIsAllowed(String url) {
        assertThat(HuggingFaceSettings.defaults().withBaseUrl(url).baseUrl()).isEqualTo(URI.create(url));
    }

    @Test
    void plainHttpElsewhereIsAllowedOnlyWhenExplicitlyAllowed() {
        HuggingFaceSettings settings = HuggingFaceSettings.defaults()
                .withAllowInsecureHttp(true)
                .withBaseUrl("http://gpu-box.lan:8080");

        assertThat(settings.baseUrl().getHost()).isEqualTo("gpu-box.lan");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://router.huggingface.co", "router.huggingface.co", "https://user:pw@router.huggingface.co",
        "https://router.huggingface.co/?token=x"})
    void baseUrlsThatAreNotPlainHttpsOrHttpUrlsAreRefused(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> HuggingFaceSettings.defaults().withBaseUrl(url))
                .withMessageNotContaining("pw");
    }

    @Test
    void providerRoutesAreKeptPerProviderName() {
        HuggingFaceSettings settings = HuggingFaceSettings.defaults()
                .withProviderRoute("novita", "/v3/openai/chat/completions")
                .withProviderRoute("hf-inference", "/models/{model}/v1/chat/completions");

        assertThat(settings.providerRoutes()).containsOnly(
                Map.entry("novita", "/v3/openai/chat/completions"),
                Map.entry("hf-inference", "/models/{model}/v1/chat/completions"));
    }

    @Test
    void aPolicyCannotHaveAProviderRoute() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HuggingFaceSettings.defaults().withProviderRoute("fastest", "/v1/chat/completions"))
                .withMessageContaining("routing policy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/chat/completions", "/v1/chat completions", "/models/{repo}/v1", "/v1?x=1", ""})
    void routesMustBeAbsolutePathsWithOnlyTheModelPlaceholder(String route) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HuggingFaceSettings.defaults().withProviderRoute("novita", route))
                .withMessageContaining("novita");
    }

    @Test
    void baseUrlAndInsecureHttpAreCheckedTogetherWhenGivenTogether() {
        HuggingFaceSettings settings = HuggingFaceSettings.of("lan-hf", URI.create("http://gpu-box.lan:8080"), true);

        assertThat(settings.providerName()).isEqualTo("lan-hf");
        assertThat(settings.allowInsecureHttp()).isTrue();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HuggingFaceSettings.of("lan-hf", URI.create("http://gpu-box.lan:8080"), false))
                .withMessageContaining("plain http");
    }

    @Test
    void configurationOptionsSetRoutesTimeoutsAndTheSizeCap() {
        HuggingFaceSettings settings = fromOptions(Map.of(
                "route.novita", "/v3/openai/chat/completions",
                "route.hf-inference", "/models/{model}/v1/chat/completions",
                "connect-timeout", "2s",
                "read-timeout", "1m30s",
                "call-timeout", "10m",
                "max-response-bytes", "1048576"));

        assertThat(settings.providerRoutes()).containsOnly(
                Map.entry("novita", "/v3/openai/chat/completions"),
                Map.entry("hf-inference", "/models/{model}/v1/chat/completions"));
        assertThat(settings.limits().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.limits().readTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.limits().callTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.limits().maxResponseBytes()).isEqualTo(1_048_576);
    }

    @Test
    void anUnknownOptionIsRefusedByNameWithTheKnownOnes() {
        assertThat(new HuggingFaceProviderType().problems(Map.of("token-limit-field", "max_tokens")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.key()).isEqualTo("token-limit-field");
                    assertThat(problem.message()).contains("route.<provider>");
                });
    }

    @Test
    void anUnreadableOptionValueIsRefusedNamingTheOption() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> fromOptions(Map.of("read-timeout", "soon")))
                .withMessageContaining("read-timeout").withMessageContaining("soon");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> fromOptions(Map.of("max-response-bytes", "8MB")))
                .withMessageContaining("max-response-bytes");
        assertThatIllegalArgumentException()
                .as("a duration needs its unit")
                .isThrownBy(() -> fromOptions(Map.of("connect-timeout", "10")))
                .withMessageContaining("connect-timeout");
    }

    @Test
    void theProviderNameCannotHoldAColonBecauseModelReferencesSplitOnIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HuggingFaceSettings.defaults().withProviderName("hf:eu"))
                .withMessageContaining("providerName");
    }
}
