package dev.detour.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.config.ConfigException;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderTypes;
import dev.detour.app.provider.Providers;
import dev.detour.app.testing.ClassPathWithImpostor;
import dev.detour.app.testing.EchoProviderType;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider type that only test code defines ({@link EchoProviderType}, registered in
 * {@code src/test/resources/META-INF/services}) is found, configured from YAML, validated and called through
 * the resilience chain of the real Guice graph, like the built-in types.
 */
class ThirdPartyProviderTypeTest {

    private static final Environment NO_KEYS = Environment.of(Map.of());

    @TempDir
    Path directory;

    private DetourConfig load(String yaml) throws IOException {
        Path file = Files.writeString(directory.resolve("detour.yaml"), yaml);
        return Configs.loader(NO_KEYS, directory).load(Optional.of(file));
    }

    private ConfigException failureToLoad(String yaml) throws IOException {
        Path file = Files.writeString(directory.resolve("detour.yaml"), yaml);
        return (ConfigException) catchThrowable(
                () -> Configs.loader(NO_KEYS, directory).load(Optional.of(file)));
    }

    @Test
    void theTypesOnTheClassPathAreTheBuiltInAdaptersAndTheOneOfTestCode() {
        assertThat(ProviderTypes.installed().names()).containsExactly("anthropic", "echo", "huggingface", "openai");
        assertThat(ProviderTypes.installed().find("huggingface").orElseThrow().defaultBaseUrl())
                .contains(URI.create("https://router.huggingface.co"));
    }

    @Test
    void aTypeOnlyOnTheClassPathIsConfiguredFromYamlAndCalledThroughTheResilienceChain() throws IOException {
        DetourConfig config = load("""
                providers:
                  warming: { type: echo, fail-first: 2, prefix: "cold: " }
                  parrot: { type: echo, prefix: "echo: " }
                chain: [ "warming:polly", "parrot:polly" ]
                resilience:
                  max-retries: 1
                  backoff: { initial: 1ms, max: 2ms, jitter: 0 }
                """);
        Injector injector = Guice.createInjector(new DetourModule(config, NO_KEYS));

        ChatResponse response;
        try (Providers providers = injector.getInstance(Providers.class)) {
            response = injector.getInstance(ModelPort.class).chat(ChatRequest.of(ChatMessage.user("Why tides?")));
            assertThat(EchoProviderType.isOpen("parrot")).isTrue();
        }

        assertThat(config.providers().get("parrot").baseUrl()).as("the type's default base URL")
                .isEqualTo(URI.create("http://127.0.0.1:9/echo"));
        assertThat(response.text()).isEqualTo("echo: Why tides?");
        assertThat(response.model()).isEqualTo(ModelRef.of("parrot", "polly"));
        assertThat(response.attempts()).extracting(Attempt::model, Attempt::outcome, attempt -> attempt.kind().orElse(null))
                .containsExactly(
                        tuple(ModelRef.of("warming", "polly"), Attempt.Outcome.FAILED,
                                ErrorKind.PROVIDER_UNAVAILABLE),
                        tuple(ModelRef.of("warming", "polly"), Attempt.Outcome.FAILED,
                                ErrorKind.PROVIDER_UNAVAILABLE),
                        tuple(ModelRef.of("parrot", "polly"), Attempt.Outcome.SUCCEEDED, null));
        assertThat(EchoProviderType.isOpen("parrot")).as("closed with Providers at shutdown").isFalse();
        assertThat(EchoProviderType.isOpen("warming")).isFalse();
    }

    @Test
    void anUnknownTypeIsRefusedNamingEveryInstalledType() throws IOException {
        assertThat(failureToLoad("providers: { local: { type: squawk } }\nchain: [local:m]\n").problems())
                .containsExactly("providers.local.type: unknown provider type \"squawk\"; known types: anthropic, echo,"
                        + " huggingface, openai");
    }

    @Test
    void aBadOptionOfAnInstalledTypeIsReportedAtItsKeyPathWithWhatToWrite() throws IOException {
        assertThat(failureToLoad("""
                providers:
                  parrot: { type: echo, fail-first: twice, volume: loud }
                  hf: { type: huggingface, read-timeout: 30, route.novita: v3/openai }
                  openai: { type: openai, max-concurrent-calls: 0 }
                chain: [ "parrot:polly", "hf:m", "openai:m" ]
                """).problems()).containsExactly(
                "providers.parrot.volume: unknown key for type echo; allowed keys: type, base-url, token-env,"
                        + " allow-insecure-http, fail-first, prefix",
                "providers.parrot.fail-first: \"twice\" is not a whole number (use a whole number of at least 1)",
                "providers.hf.read-timeout: \"30\" is not a duration (use a number with a unit: 500ms, 30s, 5m)",
                "providers.hf.\"route.novita\": the route of provider \"novita\" must be a path such as"
                        + " \"/v3/openai/chat/completions\" or \"/models/{model}/v1/chat/completions\", was \"v3/openai\"",
                "providers.openai.max-concurrent-calls: \"0\" is too small (use a whole number of at least 1)");
    }

    @Test
    void twoTypesOfOneNameOnTheClassPathAreAStartupError() throws IOException {
        try (ClassPathWithImpostor impostor = ClassPathWithImpostor.install(directory.resolve("impostor"))) {
            assertThatThrownBy(() -> Configs.loader(NO_KEYS, directory))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("two provider types are named \"openai\":")
                    .hasMessageContaining("dev.detour.adapters.openai.OpenAiProviderType (from ")
                    .hasMessageContaining("dev.detour.app.testing.ImpostorProviderType (from ")
                    .hasMessageEndingWith("; remove one of these adapters from the class path");
        }
    }
}
