package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.app.config.ResilienceConfig.BackoffConfig;
import dev.detour.app.config.ResilienceConfig.CircuitBreakerConfig;
import dev.detour.core.model.ModelRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String CONTRACT = """
            providers:
              hf:     { type: huggingface, base-url: https://router.huggingface.co, token-env: HF_TOKEN }
              openai: { type: openai,      base-url: https://api.openai.com/v1,     token-env: OPENAI_API_KEY }
            chain:                       # ordered; "<provider name>:<model id>" (HF route suffix allowed)
              - hf:Qwen/Qwen2.5-72B-Instruct
              - hf:Qwen/Qwen2.5-7B-Instruct
              - openai:gpt-4o-mini
            resilience:
              attempt-timeout: 60s
              max-retries: 2
              backoff: { initial: 500ms, max: 8s, jitter: 0.25 }
              max-retry-wait: 30s
              circuit-breaker: { failure-threshold: 3, open-for: 30s }
              call-deadline: 5m
            workflow: { max-iterations: 3, token-budget: 50000, parallelism: 4 }
            """;

    private static final List<ModelRef> HUGGING_FACE_CHAIN = List.of(
            ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct"),
            ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct"),
            ModelRef.parse("hf:meta-llama/Llama-3.1-8B-Instruct"));

    @TempDir
    Path workingDirectory;

    private ConfigFixture fixture() {
        return new ConfigFixture(workingDirectory);
    }

    @Test
    void readsTheDocumentedContractKeyForKey() {
        DetourConfig config = fixture().load(CONTRACT);

        assertThat(config.providers()).containsOnlyKeys("hf", "openai");
        assertThat(config.providers().get("hf")).isEqualTo(new ProviderConfig("hf", "huggingface",
                URI.create("https://router.huggingface.co"), Optional.of("HF_TOKEN"), false, Map.of()));
        assertThat(config.providers().get("openai")).isEqualTo(new ProviderConfig("openai", "openai",
                URI.create("https://api.openai.com/v1"), Optional.of("OPENAI_API_KEY"), false, Map.of()));
        assertThat(config.chain()).containsExactly(ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct"),
                ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct"), ModelRef.parse("openai:gpt-4o-mini"));
        assertThat(config.resilience()).isEqualTo(new ResilienceConfig(Duration.ofSeconds(60), 2,
                new BackoffConfig(Duration.ofMillis(500), Duration.ofSeconds(8), 0.25), Duration.ofSeconds(30),
                new CircuitBreakerConfig(3, Duration.ofSeconds(30)), Optional.of(Duration.ofMinutes(5))));
        assertThat(config.workflow()).isEqualTo(new WorkflowConfig(3, 50_000, 4));
        assertThat(config.source()).isEqualTo(workingDirectory.resolve("config.yaml").toString());
    }

    @Test
    void readsOtherValuesThanTheDefaults() {
        DetourConfig config = fixture().load("""
                resilience:
                  attempt-timeout: 1m30s
                  max-retries: 0
                  backoff: { initial: 1.5s, max: 1h, jitter: 0 }
                  max-retry-wait: 250ms
                  circuit-breaker: { failure-threshold: 10, open-for: 2m }
                  call-deadline: none
                workflow: { max-iterations: 1, token-budget: 9000000000, parallelism: 16 }
                """);

        assertThat(config.resilience()).isEqualTo(new ResilienceConfig(Duration.ofSeconds(90), 0,
                new BackoffConfig(Duration.ofMillis(1500), Duration.ofHours(1), 0.0), Duration.ofMillis(250),
                new CircuitBreakerConfig(10, Duration.ofMinutes(2)), Optional.empty()));
        assertThat(config.workflow()).isEqualTo(new WorkflowConfig(1, 9_000_000_000L, 16));
    }

    @Test
    void fillsEveryKeyAFileLeavesOutWithItsDefault() {
        DetourConfig config = fixture().load("""
                resilience:
                  max-retries: 5
                  backoff: { jitter: 0.5 }
                workflow:
                  parallelism: 2
                """);

        ResilienceConfig defaults = ResilienceConfig.defaults();
        assertThat(config.resilience()).isEqualTo(new ResilienceConfig(defaults.attemptTimeout(), 5,
                new BackoffConfig(Duration.ofMillis(500), Duration.ofSeconds(8), 0.5), defaults.maxRetryWait(),
                defaults.circuitBreaker(), defaults.callDeadline()));
        assertThat(config.workflow()).isEqualTo(new WorkflowConfig(3, 50_000, 2));
        assertThat(config.providers()).containsOnlyKeys("hf", "openai");
        assertThat(config.chain()).isEqualTo(HUGGING_FACE_CHAIN);
    }

    @Test
    void readsAnEmptyFileOrOneOfCommentsOrEmptySectionsAsAllDefaults() {
        ConfigFixture fixture = fixture();
        DetourConfig defaults = fixture.loader().defaults();

        for (String yaml : new String[] {"", "# nothing yet\n", "---\n", "resilience:\nworkflow:\n"}) {
            DetourConfig config = fixture.load(yaml);

            assertThat(config.source()).isEqualTo(workingDirectory.resolve("config.yaml").toString());
            assertThat(config.providers()).isEqualTo(defaults.providers());
            assertThat(config.chain()).isEqualTo(defaults.chain());
            assertThat(config.resilience()).isEqualTo(ResilienceConfig.defaults());
            assertThat(config.workflow()).isEqualTo(WorkflowConfig.defaults());
        }
    }

    @Test
    void builtInDefaultsAreTheHuggingFaceChainOfTheIncidentWithoutAnOpenAiKey() {
        DetourConfig config = fixture().loader().defaults();

        assertThat(config.source()).isEqualTo("built-in defaults");
        assertThat(config.chain()).isEqualTo(HUGGING_FACE_CHAIN);
        assertThat(config.providers().get("hf")).isEqualTo(new ProviderConfig("hf", "huggingface",
                URI.create("https://router.huggingface.co"), Optional.of("HF_TOKEN"), false, Map.of()));
        assertThat(config.providers().get("openai")).isEqualTo(new ProviderConfig("openai", "openai",
                URI.create("https://api.openai.com/v1"), Optional.of("OPENAI_API_KEY"), false, Map.of()));
        assertThat(config.resilience()).isEqualTo(ResilienceConfig.defaults());
        assertThat(config.workflow()).isEqualTo(WorkflowConfig.defaults());
    }

    @Test
    void builtInDefaultsTryGpt4oMiniFirstWhenAnOpenAiKeyIsSet() {
        DetourConfig config = fixture().env("OPENAI_API_KEY", ConfigFixture.OPENAI_KEY).loader().defaults();

        assertThat(config.chain()).containsExactly(ModelRef.parse("openai:gpt-4o-mini"),
                ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct"), ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct"),
                ModelRef.parse("hf:meta-llama/Llama-3.1-8B-Instruct"));
    }

    @Test
    void aBlankOpenAiKeyCountsAsUnset() {
        DetourConfig config = fixture().env("OPENAI_API_KEY", "  ").loader().defaults();

        assertThat(config.chain()).isEqualTo(HUGGING_FACE_CHAIN);
    }

    @Test
    void openAiBaseUrlReplacesTheDefaultBaseUrlOfOpenAiProviders() {
        ConfigFixture fixture = fixture().env("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1");

        assertThat(fixture.loader().defaults().providers().get("openai").baseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8080/v1"));
        DetourConfig fromFile = fixture.load("""
                providers:
                  local: { type: openai }
                  cloud: { type: openai, base-url: https://api.example.com/v1 }
                  hf: { type: huggingface }
                chain: [local:llama3, cloud:m, hf:m]
                """);
        assertThat(fromFile.providers().get("local").baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/v1"));
        assertThat(fromFile.providers().get("cloud").baseUrl()).isEqualTo(URI.create("https://api.example.com/v1"));
        assertThat(fromFile.providers().get("hf").baseUrl()).isEqualTo(URI.create("https://router.huggingface.co"));
    }

    @Test
    void builtInTypesHaveADefaultBaseUrlAndAnOmittedTokenEnvMeansNoKey() {
        DetourConfig config = fixture().load("""
                providers:
                  hf: { type: huggingface, token-env: HF_TOKEN }
                  local: { type: openai }
                chain: [hf:Qwen/Qwen2.5-72B-Instruct]
                """);

        assertThat(config.providers().get("hf").baseUrl()).isEqualTo(URI.create("https://router.huggingface.co"));
        assertThat(config.providers().get("local").baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(config.providers().get("local").tokenEnv()).isEmpty();
    }

    @Test
    void aFilesProvidersReplaceTheBuiltInOnesEntirely() {
        DetourConfig config = fixture().load("""
                providers:
                  local: { type: openai, base-url: http://localhost:11434/v1 }
                chain:
                  - local:llama3:8b
                """);

        assertThat(config.providers()).containsOnlyKeys("local");
        assertThat(config.chain()).containsExactly(ModelRef.of("local", "llama3:8b"));
    }

    @Test
    void withoutAChainAFileWithItsOwnProvidersKeepsTheBuiltInEntriesItDeclares() {
        DetourConfig config = fixture().env("OPENAI_API_KEY", ConfigFixture.OPENAI_KEY).load("""
                providers:
                  hf: { type: huggingface, base-url: https://hf-proxy.example.com, token-env: HF_TOKEN }
                """);

        assertThat(config.chain()).isEqualTo(HUGGING_FACE_CHAIN);
    }

    @Test
    void keepsTheTypeSpecificOptionsOfEachProvider() {
        DetourConfig config = fixture().load("""
                providers:
                  hf: { type: huggingface, routing: fastest, proxy-providers: "novita,together" }
                  openai: { type: openai, token-limit-field: max_tokens, allow-insecure-http: false }
                """);

        assertThat(config.providers().get("hf").options())
                .isEqualTo(Map.of("routing", "fastest", "proxy-providers", "novita,together"));
        assertThat(config.providers().get("openai").option("token-limit-field")).contains("max_tokens");
    }

    @Test
    void acceptsAProviderTypeAnInstalledAdapterRegisters() {
        DetourConfig config = fixture()
                .types(Map.of("huggingface", Set.of(), "openai", Set.of(), "echo", Set.of("voice")))
                .load("""
                        providers:
                          parrot: { type: echo, base-url: "http://[::1]:9000", voice: loud }
                        chain: [parrot:polly]
                        """);

        assertThat(config.providers().get("parrot"))
                .isEqualTo(new ProviderConfig("parrot", "echo", URI.create("http://[::1]:9000"), Optional.empty(),
                        false, Map.of("voice", "loud")));
    }

    @Test
    void plainHttpIsAcceptedForLoopbackHostsAndWhereTheProviderAllowsIt() {
        DetourConfig config = fixture().load("""
                providers:
                  a: { type: openai, base-url: http://localhost:8000/v1 }
                  b: { type: openai, base-url: http://127.0.0.1:8000/v1 }
                  c: { type: openai, base-url: "http://[::1]:8000/v1" }
                  d: { type: openai, base-url: http://gpu-box.lan:8000/v1, allow-insecure-http: true }
                chain: [a:m, b:m, c:m, d:m]
                """);

        assertThat(config.providers()).containsOnlyKeys("a", "b", "c", "d");
        assertThat(config.providers().get("d").allowInsecureHttp()).isTrue();
    }

    @Test
    void keepsHuggingFaceRouteSuffixesInTheModelId() {
        DetourConfig config = fixture().load("chain: [hf:Qwen/Qwen2.5-72B-Instruct:novita, 'hf:openai/gpt-oss-120b:fastest']\n");

        assertThat(config.chain()).containsExactly(ModelRef.of("hf", "Qwen/Qwen2.5-72B-Instruct:novita"),
                ModelRef.of("hf", "openai/gpt-oss-120b:fastest"));
    }

    @Test
    void commandLineOverridesReplaceTheChainAndTheWorkflowLimits() {
        DetourConfig config = fixture().load(CONTRACT, Overrides.none()
                .withChain("openai:gpt-4o-mini, hf:Qwen/Qwen2.5-7B-Instruct:novita")
                .withMaxIterations(7)
                .withTokenBudget(1234));

        assertThat(config.chain()).containsExactly(ModelRef.parse("openai:gpt-4o-mini"),
                ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct:novita"));
        assertThat(config.workflow()).isEqualTo(new WorkflowConfig(7, 1234, 4));
    }

    @Test
    void aChainOverrideStandsInForTheChainAFileWithItsOwnProvidersLeavesOut() {
        ConfigFixture fixture = fixture();
        Path file = fixture.write("config.yaml", "providers:\n  local: { type: openai, base-url: http://localhost:1234/v1 }\n");

        DetourConfig config = fixture.loader().load(Optional.of(file), Overrides.none().withChain("local:qwen"));

        assertThat(config.chain()).containsExactly(ModelRef.of("local", "qwen"));
    }

    @Test
    void overridesApplyToTheBuiltInDefaultsToo() {
        DetourConfig config = fixture().loader().load(Optional.empty(), Overrides.none().withChain("openai:gpt-4o"));

        assertThat(config.source()).isEqualTo("built-in defaults");
        assertThat(config.chain()).containsExactly(ModelRef.parse("openai:gpt-4o"));
    }

    @Test
    void anExplicitFileWinsOverDetourConfigAndTheWorkingDirectoryFile() {
        ConfigFixture fixture = fixture();
        Path explicit = fixture.write("explicit.yaml", "workflow: { parallelism: 1 }\n");
        Path named = fixture.write("named.yaml", "workflow: { parallelism: 2 }\n");
        fixture.write("detour.yaml", "workflow: { parallelism: 3 }\n");
        fixture.env("DETOUR_CONFIG", named.toString());

        DetourConfig config = fixture.loader().load(Optional.of(explicit));

        assertThat(config.workflow().parallelism()).isEqualTo(1);
        assertThat(config.source()).isEqualTo(explicit.toString());
    }

    @Test
    void detourConfigWinsOverTheWorkingDirectoryFile() {
        ConfigFixture fixture = fixture();
        Path named = fixture.write("elsewhere/named.yaml", "workflow: { parallelism: 2 }\n");
        fixture.write("detour.yaml", "workflow: { parallelism: 3 }\n");
        fixture.env("DETOUR_CONFIG", named.toString());

        assertThat(fixture.loader().load(Optional.empty()).workflow().parallelism()).isEqualTo(2);
    }

    @Test
    void readsDetourYamlFromTheWorkingDirectoryWhenNothingNamesAFile() {
        ConfigFixture fixture = fixture();
        Path local = fixture.write("detour.yaml", "workflow: { parallelism: 3 }\n");

        DetourConfig config = fixture.loader().load(Optional.empty());

        assertThat(config.workflow().parallelism()).isEqualTo(3);
        assertThat(config.source()).isEqualTo(local.toString());
    }

    @Test
    void usesTheBuiltInDefaultsWhenNoFileIsNamedOrPresent() {
        DetourConfig config = fixture().loader().load(Optional.empty());

        assertThat(config.source()).isEqualTo("built-in defaults");
        assertThat(config.chain()).isEqualTo(HUGGING_FACE_CHAIN);
    }

    @Test
    void resolvesRelativePathsAgainstTheWorkingDirectory() {
        ConfigFixture fixture = fixture();
        fixture.write("conf/a.yaml", "workflow: { parallelism: 5 }\n");
        fixture.write("conf/b.yaml", "workflow: { parallelism: 6 }\n");

        assertThat(fixture.loader().load(Optional.of(Path.of("conf/a.yaml"))).workflow().parallelism()).isEqualTo(5);
        fixture.env("DETOUR_CONFIG", "conf/b.yaml");
        assertThat(fixture.loader().load(Optional.empty()).workflow().parallelism()).isEqualTo(6);
    }

    @Test
    void aNamedFileThatDoesNotExistIsAProblemNeverASilentFallback() {
        ConfigFixture fixture = fixture();
        fixture.write("detour.yaml", "workflow: { parallelism: 3 }\n");
        Path missing = workingDirectory.resolve("missing.yaml");

        assertThat(ConfigFixture.failure(() -> fixture.loader().load(Optional.of(Path.of("missing.yaml")))).problems())
                .containsExactly("--config: config file " + missing + " does not exist; check the path, or leave out"
                        + " --config to use DETOUR_CONFIG, ./detour.yaml or the built-in defaults");

        fixture.env("DETOUR_CONFIG", missing.toString());
        assertThat(ConfigFixture.failure(() -> fixture.loader().load(Optional.empty())).problems())
                .containsExactly("DETOUR_CONFIG: config file " + missing + " does not exist; check the path, or unset"
                        + " DETOUR_CONFIG to use ./detour.yaml or the built-in defaults");
    }

    @Test
    void aMissingFileNamedByDetourConfigIsTheSourceOfTheProblemNotTheBuiltInDefaults() {
        ConfigFixture fixture = fixture();
        fixture.env("DETOUR_CONFIG", "missing.yaml");

        ConfigException failure = ConfigFixture.failure(() -> fixture.loader().load(Optional.empty()));

        assertThat(failure.source()).isEqualTo("missing.yaml");
    }

    @Test
    void aNamedDirectoryIsAProblem() {
        ConfigFixture fixture = fixture();
        fixture.write("conf/a.yaml", "");

        ConfigException failure = ConfigFixture.failure(() -> fixture.loader().load(Optional.of(Path.of("conf"))));

        assertThat(failure.problems()).containsExactly("--config: " + workingDirectory.resolve("conf")
                + " is not a file; name a YAML file such as detour.yaml, or leave out --config to use DETOUR_CONFIG,"
                + " ./detour.yaml or the built-in defaults");
        assertThat(failure.source()).isEqualTo("conf");
    }

    @Test
    void theBuiltInDefaultsSayWhichTypeIsMissingWhenItsAdapterIsNotInstalled() {
        ConfigFixture fixture = fixture().types(Map.of("openai", Set.of()));

        assertThat(ConfigFixture.failure(() -> fixture.loader().load(Optional.empty())).problems()).first()
                .isEqualTo("providers.hf.type: the built-in provider needs type huggingface, which is not installed"
                        + " (known types: openai); put its adapter on the class path, or declare providers in a"
                        + " configuration file");
    }

    @Test
    void refusesProviderTypeOptionsThatClashWithCommonKeysOrAreNamedLikeCredentials() {
        Environment none = Environment.of(Map.of());

        assertThatThrownBy(() -> new ConfigLoader(ConfigFixture.providerTypes(Map.of("openai", Set.of("base-url"))), none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option \"base-url\" of provider type \"openai\" is a key every provider has; give the"
                        + " option another name");
        assertThatThrownBy(() -> new ConfigLoader(ConfigFixture.providerTypes(Map.of("openai", Set.of("api-key"))), none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("option \"api-key\" of provider type \"openai\" is named like a credential");
        assertThatThrownBy(() -> new ConfigLoader(ConfigFixture.providerTypes(Map.of()), none))
                .hasMessage("providerTypes must name at least one provider type, such as huggingface");
    }

    @Test
    void anEnvironmentTreatsBlankVariablesAsUnset() {
        Environment environment = Environment.of(Map.of("SET", "value", "BLANK", " "));

        assertThat(environment.variable("SET")).contains("value");
        assertThat(environment.variable("BLANK")).isEmpty();
        assertThat(environment.variable("UNSET")).isEmpty();
    }
}
