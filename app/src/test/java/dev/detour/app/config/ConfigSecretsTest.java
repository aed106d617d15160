package dev.detour.app.config;

import static dev.detour.app.config.ConfigFixture.HF_KEY;
import static dev.detour.app.config.ConfigFixture.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSecretsTest {

    private static final String LOOKS_LIKE_A_KEY =
            "this value looks like an API key; API keys do not belong in the config file; ";
    private static final String ON_ITS_PROVIDER =
            "put the key in an environment variable and name that variable with token-env on its provider";
    private static final String ON_THIS_PROVIDER =
            "put the key in an environment variable and name that variable with token-env on this provider";

    @TempDir
    Path workingDirectory;

    private ConfigFixture fixture() {
        return new ConfigFixture(workingDirectory);
    }

    /** The failure for {@code yaml}, checked never to repeat {@code secret} anywhere a person could read it. */
    private ConfigException failureKeeping(String secret, String yaml) {
        ConfigFixture fixture = fixture();
        Path file = fixture.write("config.yaml", yaml);
        ConfigException failure = ConfigFixture.failure(() -> fixture.loader().load(Optional.of(file)));
        assertNeverShows(secret, failure);
        return failure;
    }

    private static void assertNeverShows(String secret, ConfigException failure) {
        assertThat(failure.problems()).noneMatch(problem -> problem.contains(secret));
        assertThat(failure.getMessage()).doesNotContain(secret);
        assertThat(failure.toString()).doesNotContain(secret);
        assertThat(failure.getCause()).isNull();
    }

    @Test
    void refusesAKeyUnderAProviderAndSaysWhichVariableItBelongsIn() {
        ConfigException failure = failureKeeping(HF_KEY, """
                providers:
                  hf: { type: huggingface, token-env: HF_TOKEN, token: %s }
                """.formatted(HF_KEY));

        assertThat(failure.problems()).containsExactly("providers.hf.token: API keys do not belong in the config file;"
                + " put the key in the environment variable named by token-env (HF_TOKEN)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "api-key", "api_key", "apikey", "key", "secret", "password", "authorization",
        "hf-token", "openai_api_key", "access-token", "bearer", "Api-Key"})
    void refusesEveryCredentialLikeKeyNameWhateverItsValue(String name) {
        ConfigException failure = failureKeeping("not-a-real-key", """
                providers:
                  openai: { type: openai, token-env: OPENAI_API_KEY, %s: not-a-real-key }
                chain: [openai:gpt-4o-mini]
                """.formatted(name));

        assertThat(failure.problems()).containsExactly("providers.openai." + name + ": API keys do not belong in the"
                + " config file; put the key in the environment variable named by token-env (OPENAI_API_KEY)");
    }

    @Test
    void refusesAKeyUnderAProviderWithoutTokenEnvSayingHowToNameOne() {
        ConfigException failure = failureKeeping(OPENAI_KEY, """
                providers:
                  local: { type: openai, base-url: http://localhost:8000/v1, api-key: %s }
                chain: [local:m]
                """.formatted(OPENAI_KEY));

        assertThat(failure.problems()).containsExactly(
                "providers.local.api-key: API keys do not belong in the config file; " + ON_THIS_PROVIDER);
    }

    @Test
    void refusesACredentialKeyAtAnyLevel() {
        ConfigException failure = failureKeeping(OPENAI_KEY, """
                api-key: %s
                resilience: { token: abc }
                """.formatted(OPENAI_KEY));

        assertThat(failure.problems()).containsExactly(
                "api-key: API keys do not belong in the config file; " + ON_ITS_PROVIDER,
                "resilience.token: API keys do not belong in the config file; " + ON_ITS_PROVIDER);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            chain: [KEY]                                                            | chain[0]
            chain: ['hf:KEY']                                                       | chain[0]
            resilience: { attempt-timeout: KEY }                                    | resilience.attempt-timeout
            workflow: { parallelism: KEY }                                          | workflow.parallelism
            providers: { hf: { type: huggingface, routing: KEY } }                  | providers.hf.routing
            providers: { hf: { type: huggingface, base-url: 'https://h/?token=KEY' } } | providers.hf.base-url
            providers: { hf: { type: huggingface, base-url: KEY } }                 | providers.hf.base-url
            unknown: { deeper: [x, KEY] }                                           | unknown.deeper[1]
            """)
    void refusesAKeyShapedValueAnywhereWithoutRepeatingIt(String yaml, String path) {
        for (String key : List.of(HF_KEY, OPENAI_KEY, "Bearer abcdefghijklmnop")) {
            String where = path.startsWith("providers") ? ON_THIS_PROVIDER : ON_ITS_PROVIDER;
            ConfigException failure = failureKeeping(key, yaml.replace("KEY", key) + "\n");

            assertThat(failure.problems()).as(key).contains(path + ": " + LOOKS_LIKE_A_KEY + where);
        }
    }

    @Test
    void aKeyWrittenAsTokenEnvIsRefusedWithoutBeingRepeatedAsAVariableName() {
        ConfigException failure = failureKeeping(HF_KEY, """
                providers:
                  hf: { type: huggingface, token-env: %s, token: x }
                """.formatted(HF_KEY));

        assertThat(failure.problems()).containsExactly(
                "providers.hf.token-env: " + LOOKS_LIKE_A_KEY + ON_THIS_PROVIDER,
                "providers.hf.token: API keys do not belong in the config file; " + ON_THIS_PROVIDER);
    }

    @Test
    void masksAKeyUsedAsAMapKeyInTheKeyPath() {
        ConfigException failure = failureKeeping(HF_KEY, """
                providers:
                  hf: { type: huggingface, %s: x }
                  %s: { type: openai }
                """.formatted(HF_KEY, OPENAI_KEY));
        assertNeverShows(OPENAI_KEY, failure);

        assertThat(failure.problems()).containsExactly(
                "providers.hf.[redacted]: this key name looks like an API key; API keys do not belong in the config"
                        + " file; " + ON_THIS_PROVIDER,
                "providers.[redacted]: this key name looks like an API key; API keys do not belong in the config"
                        + " file; " + ON_ITS_PROVIDER);
    }

    @Test
    void refusesCredentialsInABaseUrlWithoutRepeatingThem() {
        ConfigException failure = failureKeeping("hunter2", """
                providers:
                  local: { type: openai, base-url: "https://ada:hunter2@llm.example.com/v1" }
                chain: [local:m]
                """);

        assertThat(failure.problems()).containsExactly("providers.local.base-url: must not contain a user name or"
                + " password; API keys do not belong in the config file, put the key in the environment variable"
                + " named by token-env");
    }

    @Test
    void neverQuotesTheFileInAYamlSyntaxError() {
        ConfigException failure = failureKeeping(HF_KEY, """
                providers:
                  hf: { type: huggingface, token: %s
                """.formatted(HF_KEY));
        assertThat(failure.problems()).singleElement().asString().contains("YAML syntax error at line 3, column 1");

        ConfigException duplicate = failureKeeping(HF_KEY, "%s: 1\n%s: 2\n".formatted(HF_KEY, HF_KEY));
        assertThat(duplicate.problems()).singleElement().asString()
                .contains("key [redacted] appears twice in the same map");
    }

    @Test
    void refusesAKeyInTheChainOption() {
        ConfigFixture fixture = fixture();

        ConfigException failure = ConfigFixture.failure(() -> fixture.loader()
                .load(Optional.empty(), Overrides.none().withChain("hf:m," + HF_KEY)));

        assertNeverShows(HF_KEY, failure);
        assertThat(failure.problems()).containsExactly("--chain: looks like it holds an API key; keys belong in the"
                + " environment variable named by token-env, never on the command line");
    }

    @Test
    void refusesAKeyInOpenAiBaseUrl() {
        ConfigFixture fixture = fixture().env("OPENAI_BASE_URL", OPENAI_KEY);

        ConfigException failure = ConfigFixture.failure(() -> fixture.loader().defaults());

        assertNeverShows(OPENAI_KEY, failure);
        assertThat(failure.problems()).containsExactly("providers.openai.base-url (from OPENAI_BASE_URL): this value"
                + " looks like an API key; put the URL of the API in OPENAI_BASE_URL and the key in OPENAI_API_KEY");
    }

    @Test
    void readsKeysOnlyFromTheEnvironmentAndNeverHoldsThem() {
        DetourConfig config = fixture().env("HF_TOKEN", HF_KEY).env("OPENAI_API_KEY", OPENAI_KEY).load("""
                providers:
                  hf: { type: huggingface, token-env: HF_TOKEN }
                  openai: { type: openai, token-env: OPENAI_API_KEY }
                """);

        assertThat(config.providers().get("hf").tokenEnv()).contains("HF_TOKEN");
        assertThat(config.toString()).doesNotContain(HF_KEY).doesNotContain(OPENAI_KEY);
    }

    @Test
    void masksAKeyShapedRunInAnyProblemAsALastDefence() {
        ConfigException failure = new ConfigException("x", List.of("somewhere: " + HF_KEY, "else: Bearer " + OPENAI_KEY));

        assertNeverShows(HF_KEY, failure);
        assertNeverShows(OPENAI_KEY, failure);
        assertThat(failure.problems()).containsExactly("somewhere: [redacted]", "else: Bearer [redacted]");
    }
}
