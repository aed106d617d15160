package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.secret.Secret;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a provider's settings accept, refuse and default to. */
class OpenAiSettingsTest {

    private static final Secret KEY = Secret.of("sk-proj-fake-key-for-tests");

    @Test
    void defaultsToOpenAiWithMaxCompletionTokens() {
        OpenAiSettings settings = OpenAiSettings.builder().build();

        assertThat(settings.providerName()).isEqualTo("openai");
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(settings.tokenLimitField()).isEqualTo(TokenLimitField.MAX_COMPLETION_TOKENS);
        assertThat(settings.apiKey()).isEmpty();
        assertThat(settings.allowInsecureHttp()).isFalse();
        assertThat(settings.limits().maxResponseBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void choosesMaxTokensForAnyOtherServer() {
        assertThat(OpenAiSettings.builder().baseUrl("http://localhost:11434/v1").build().tokenLimitField())
                .isEqualTo(TokenLimitField.MAX_TOKENS);
        assertThat(OpenAiSettings.builder().baseUrl("https://api.groq.com/openai/v1").build().tokenLimitField())
                .isEqualTo(TokenLimitField.MAX_TOKENS);
    }

    @Test
    void keepsAnExplicitTokenLimitField() {
        OpenAiSettings settings = OpenAiSettings.builder().baseUrl("http://localhost:8000/v1")
                .tokenLimitField(TokenLimitField.MAX_COMPLETION_TOKENS).build();

        assertThat(settings.tokenLimitField()).isEqualTo(TokenLimitField.MAX_COMPLETION_TOKENS);
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopbackSayingWhatToDo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OpenAiSettings.builder().baseUrl("http://models.example.com/v1").build())
                .withMessageContaining("plain http")
                .withMessageContaining("use https")
                .withMessageContaining("allow insecure http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:11434/v1", "http://127.0.0.1:8080/v1", "http://[::1]:1234/v1",
            "http://127.1.2.3/v1"})
    void allowsPlainHttpToLoopback(String url) {
        assertThat(OpenAiSettings.builder().baseUrl(url).build().baseUrl()).isEqualTo(URI.create(url));
    }

    @Test
    void allowsPlainHttpToAnyHostWhenExplicitlyAllowed() {
        OpenAiSettings settings = OpenAiSettings.builder().baseUrl("http://gpu-box.lan:8000/v1")
                .allowInsecureHttp(true).build();

        assertThat(settings.baseUrl()).isEqualTo(URI.create("http://gpu-box.lan:8000/v1"));
    }

    @Test
    void dropsTrailingSlashesOfTheBaseUrl() {
        assertThat(OpenAiSettings.builder().baseUrl("https://api.together.xyz/v1/").build().baseUrl())
                .isEqualTo(URI.create("https://api.together.xyz/v1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:secret@api.example.com/v1", "https://api.example.com/v1?key=abc",
            "https://api.example.com/v1#x"})
    void refusesBaseUrlsThatCouldCarryCredentials(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> OpenAiSettings.builder().baseUrl(url).build())
                .withMessageContaining("no user info, query or fragment")
                .withMessageNotContaining("secret")
                .withMessageNotContaining("key=abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.com/v1", "ftp://api.openai.com/v1", "not a url"})
    void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> OpenAiSettings.builder().baseUrl(url).build())
                .withMessageContaining("baseUrl");
    }

    @Test
    void refusesAProviderNameWithAColon() {
        assertThatIllegalArgumentException().isThrownBy(() -> OpenAiSettings.builder().providerName("open:ai").build())
                .withMessageContaining("providerName");
    }

    @Test
    void namesTheTimeoutThatIsNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OpenAiSettings.builder().readTimeout(Duration.ZERO).build())
                .withMessageContaining("readTimeout");
        assertThatThrownBy(() -> OpenAiSettings.builder().callTimeout(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("callTimeout == null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OpenAiSettings.builder().maxResponseBytes(0).build())
                .withMessageContaining("maxResponseBytes");
    }

    @Test
    void neverPrintsTheKeyButNamesItsVariable() {
        OpenAiSettings settings = OpenAiSettings.builder().apiKey(KEY).apiKeyVariable("OPENAI_API_KEY").build();

        try (OpenAiProvider provider = OpenAiProvider.create(settings)) {
            assertThat(settings.toString()).doesNotContain(KEY.reveal());
            assertThat(provider.toString()).doesNotContain(KEY.reveal()).contains("OPENAI_API_KEY");
            assertThat(provider.model("gpt-4o-mini").toString()).doesNotContain(KEY.reveal());
        }
    }

    @Test
    void readsTokenLimitFieldsByTheirWireName() {
        assertThat(TokenLimitField.fromWireName("max_tokens")).isEqualTo(TokenLimitField.MAX_TOKENS);
        assertThat(TokenLimitField.fromWireName(" MAX_COMPLETION_TOKENS ")).isEqualTo(TokenLimitField.MAX_COMPLETION_TOKENS);
        assertThatIllegalArgumentException().isThrownBy(() -> TokenLimitField.fromWireName("max_new_tokens"))
                .withMessageContaining("max_completion_tokens, max_tokens");
    }
}
