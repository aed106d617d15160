package dev.detour.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.app.config.ConfigException;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.core.model.ModelRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider of type {@code anthropic} in a configuration file, checked by the same rules as every type's. */
class AnthropicConfigTest {

    private static final Environment KEYS = Environment.of(Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-fake-config-key"));

    @TempDir
    Path directory;

    @Test
    void readsAnAnthropicProviderAndItsChainEntries() throws IOException {
        DetourConfig config = load("""
                providers:
                  claude: { type: anthropic, base-url: https://api.anthropic.com, token-env: ANTHROPIC_API_KEY }
                  claude-defaults: { type: anthropic, token-env: ANTHROPIC_API_KEY, read-timeout: 90s }
                chain: [ "claude:claude-sonnet-4-5", "claude-defaults:claude-haiku-4-5" ]
                """);

        ProviderConfig claude = config.provider("claude").orElseThrow();
        assertThat(claude.type()).isEqualTo("anthropic");
        assertThat(claude.tokenEnv()).contains("ANTHROPIC_API_KEY");
        assertThat(config.provider("claude-defaults").orElseThrow().baseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
        assertThat(config.chain()).containsExactly(ModelRef.of("claude", "claude-sonnet-4-5"),
                ModelRef.of("claude-defaults", "claude-haiku-4-5"));
    }

    @Test
    void reportsAnOptionTheTypeDoesNotAcceptAndAValueItCannotReadUnderTheirKeyPaths() throws IOException {
        ConfigException thrown = failure("""
                providers:
                  claude: { type: anthropic, token-env: ANTHROPIC_API_KEY, token-limit-field: max_tokens, read-timeout: "30" }
                chain: [ "claude:claude-sonnet-4-5" ]
                """);

        assertThat(thrown.problems()).anySatisfy(problem -> assertThat(problem).startsWith("providers.claude.token-limit-field"))
                .anySatisfy(problem -> assertThat(problem).startsWith("providers.claude.read-timeout").contains("not a duration"));
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopback() throws IOException {
        ConfigException thrown = failure("""
                providers:
                  claude: { type: anthropic, base-url: "http://claude.example.com", token-env: ANTHROPIC_API_KEY }
                chain: [ "claude:claude-sonnet-4-5" ]
                """);

        assertThat(thrown.problems()).anySatisfy(problem -> assertThat(problem).startsWith("providers.claude.base-url")
                .contains("not a loopback host"));
    }

    private DetourConfig load(String yaml) throws IOException {
        Path file = Files.writeString(directory.resolve("detour.yaml"), yaml);
        return Configs.loader(KEYS, directory).load(Optional.of(file));
    }

    private ConfigException failure(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml));
    }
}
