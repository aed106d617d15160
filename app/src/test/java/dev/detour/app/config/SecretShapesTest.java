package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretShapesTest {

    @ParameterizedTest
    @ValueSource(strings = {ConfigFixture.HF_KEY, ConfigFixture.OPENAI_KEY, "sk-AbCdEfGhIjKlMnOpQrSt",
        "Bearer abcdefgh12345", "https://h/v1?api_key=abcdef0123456789", "prefix " + ConfigFixture.HF_KEY})
    void recognisesKeyShapedValues(String value) {
        assertThat(SecretShapes.looksLikeKey(value)).isTrue();
        assertThat(Shown.quoted(value)).isEqualTo("[redacted]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HF_TOKEN", "HF_ACCESS_TOKEN", "HF_API_TOKEN_FOR_DETOUR", "OPENAI_API_KEY",
        "hf:Qwen/Qwen2.5-72B-Instruct", "openai:gpt-4o-mini", "https://router.huggingface.co",
        "task-abcdefghijklmnopqrstuvwxyz", "max_tokens", "hf_short", "desk-abcdefghijklmnopqrstu"})
    void leavesOrdinaryConfigurationValuesAlone(String value) {
        assertThat(SecretShapes.looksLikeKey(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "api-key", "api_key", "apikey", "API_KEY", "key", "secret", "password",
        "authorization", "hf-token", "hf_token", "openai-api-key", "access_token", "client-secret", "bearer"})
    void recognisesCredentialKeyNames(String name) {
        assertThat(SecretShapes.isCredentialName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"token-env", "token-limit-field", "token-budget", "max-tokens", "type", "base-url",
        "routing", "proxy-providers", "allow-insecure-http"})
    void leavesTheContractsOwnKeyNamesAlone(String name) {
        assertThat(SecretShapes.isCredentialName(name)).isFalse();
    }
}
