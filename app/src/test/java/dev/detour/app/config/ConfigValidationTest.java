package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValidationTest {

    private static final String DURATION_HINT = " (use a number with a unit: 500ms, 30s, 5m, 1h)";

    @TempDir
    Path workingDirectory;

    private ConfigFixture fixture() {
        return new ConfigFixture(workingDirectory);
    }

    private List<String> problems(String yaml) {
        return fixture().problems(yaml);
    }

    /** Writes {@code value} at the dotted {@code path}, such as {@code resilience.backoff.initial}, as nested flow maps. */
    private static String at(String path, String value) {
        String[] keys = path.split("\\.");
        StringBuilder yaml = new StringBuilder();
        for (String key : keys) {
            yaml.append("{ ").append(key).append(": ");
        }
        yaml.append(value).append(" }".repeat(keys.length));
        return yaml.substring(2, yaml.length() - 2) + "\n";
    }

    @Test
    void reportsEveryProblemWithItsKeyPathAllAtOnce() {
        ConfigException failure = ConfigFixture.failure(() -> fixture().load("""
                providers:
                  hf: { type: huggingface, base-url: https://router.huggingface.co, token-env: HF_TOKEN }
                  local: { type: ollama, base-url: http://localhost:11434 }
                chain:
                  - hf:Qwen/Qwen2.5-72B-Instruct
                  - opnai:gpt-4o-mini
                resilience:
                  attempt-timeout: 60
                  backoff: { initial: 5 parsecs, max: 8s, jitter: 1.5 }
                  retries: 2
                workflow: { max-iterations: 0, parallelism: -2 }
                """));

        List<String> expected = List.of(
                "providers.local.type: unknown provider type \"ollama\"; known types: huggingface, openai",
                "chain[1]: \"opnai:gpt-4o-mini\" names provider \"opnai\", which is not configured; use one of: hf, local",
                "resilience.retries: unknown key; allowed keys: attempt-timeout, max-retries, backoff, max-retry-wait,"
                        + " circuit-breaker, call-deadline",
                "resilience.attempt-timeout: \"60\" has no unit" + DURATION_HINT,
                "resilience.backoff.initial: \"5 parsecs\" is not a duration" + DURATION_HINT,
                "resilience.backoff.jitter: 1.5 is out of range (use a fraction from 0 to 1, such as 0.25)",
                "workflow.max-iterations: 0 is too small (use a whole number of at least 1)",
                "workflow.parallelism: -2 is too small (use a whole number of at least 1)");
        assertThat(failure.problems()).isEqualTo(expected);
        assertThat(failure.getMessage()).isEqualTo(String.join("\n", expected));
        assertThat(failure.source()).isEqualTo(workingDirectory.resolve("config.yaml").toString());
    }

    @Test
    void namesTheAllowedKeysOfEveryLevelForAnUnknownKey() {
        assertThat(problems("provider: {}\n"))
                .containsExactly("provider: unknown key; did you mean providers?; allowed keys: providers, chain, resilience, workflow, store, telemetry, pricing, server, temporal, sources, evidence");
        assertThat(problems(at("resilience.backoff.maximum", "8s")))
                .containsExactly("resilience.backoff.maximum: unknown key; allowed keys: initial, max, jitter");
        assertThat(problems(at("resilience.circuit-breaker.threshold", "3")))
                .containsExactly("resilience.circuit-breaker.threshold: unknown key; allowed keys: failure-threshold,"
                        + " open-for");
        assertThat(problems(at("workflow.iterations", "3")))
                .containsExactly("workflow.iterations: unknown key; did you mean max-iterations?; allowed keys: max-iterations, token-budget,"
                        + " parallelism, cost-budget");
    }

    @Test
    void allowsOnlyTheOptionsOfAProvidersOwnType() {
        assertThat(problems("""
                providers:
                  hf: { type: huggingface, routing-policy: fastest, token-limit-field: max_tokens }
                  openai: { type: openai, routing: fastest }
                """)).containsExactly(
                "providers.hf.routing-policy: unknown key for type huggingface; allowed keys: type, base-url,"
                        + " token-env, allow-insecure-http, proxy-providers, routing",
                "providers.hf.token-limit-field: unknown key for type huggingface; allowed keys: type, base-url,"
                        + " token-env, allow-insecure-http, proxy-providers, routing",
                "providers.openai.routing: unknown key for type openai; allowed keys: type, base-url, token-env,"
                        + " allow-insecure-http, token-limit-field");
    }

    @Test
    void saysWhatWasExpectedWhereAValueHasTheWrongShape() {
        assertThat(problems("resilience: [60s]\n")).containsExactly("resilience: expected a map with keys"
                + " attempt-timeout, max-retries, backoff, max-retry-wait, circuit-breaker, call-deadline, found a list");
        assertThat(problems("workflow: 3\n")).containsExactly(
                "workflow: expected a map with keys max-iterations, token-budget, parallelism, cost-budget, found 3");
        assertThat(problems(at("resilience.backoff", "[1s, 2s]"))).containsExactly(
                "resilience.backoff: expected a map with keys initial, max, jitter, found a list");
        assertThat(problems("providers: [hf, openai]\n")).containsExactly(
                "providers: expected a map of provider names to their settings, found a list");
        assertThat(problems("providers: { hf: huggingface }\n")).containsExactly("providers.hf: expected a map with"
                + " keys type, base-url, token-env, allow-insecure-http, found text \"huggingface\"");
        assertThat(problems("chain: hf:Qwen/Qwen2.5-72B-Instruct\n")).containsExactly("chain: expected a list of"
                + " \"<provider>:<model id>\" entries, found text \"hf:Qwen/Qwen2.5-72B-Instruct\"; write each entry on"
                + " its own line starting with \"- \"");
        assertThat(problems("- hf:Qwen/Qwen2.5-72B-Instruct\n")).containsExactly(
                "top level: expected a map with keys providers, chain, resilience, workflow, store, telemetry, pricing, server, temporal, sources, evidence, found a list");
    }

    @Test
    void saysWhatWasExpectedWhereAScalarHasTheWrongType() {
        assertThat(problems(at("resilience.max-retries", "[1]"))).containsExactly(
                "resilience.max-retries: expected a whole number, found a list (use a whole number of at least 0)");
        assertThat(problems(at("resilience.attempt-timeout", "{ s: 60 }"))).containsExactly(
                "resilience.attempt-timeout: expected a duration, found a map" + DURATION_HINT);
        assertThat(problems(at("workflow.max-iterations", "true"))).containsExactly(
                "workflow.max-iterations: expected a whole number, found true (use a whole number of at least 1)");
        assertThat(problems(at("workflow.parallelism", "\"4\""))).containsExactly(
                "workflow.parallelism: \"4\" is text, not a number (write it without quotes)");
        assertThat(problems(at("workflow.parallelism", "four"))).containsExactly(
                "workflow.parallelism: \"four\" is not a whole number (use a whole number of at least 1)");
        assertThat(problems(at("workflow.token-budget", "2.5"))).containsExactly(
                "workflow.token-budget: 2.5 is not a whole number (use a whole number of at least 1)");
        assertThat(problems(at("workflow.parallelism", "99999999999"))).containsExactly(
                "workflow.parallelism: 99999999999 is too large (use a whole number of at most 2147483647)");
        assertThat(problems(at("resilience.backoff.jitter", "lots"))).containsExactly(
                "resilience.backoff.jitter: \"lots\" is not a number (use a fraction from 0 to 1, such as 0.25)");
        assertThat(problems(at("resilience.backoff.jitter", "[0.1]"))).containsExactly(
                "resilience.backoff.jitter: expected a number, found a list (use a fraction from 0 to 1, such as 0.25)");
        assertThat(problems("providers: { local: { type: openai, allow-insecure-http: maybe } }\nchain: [local:m]\n"))
                .containsExactly("providers.local.allow-insecure-http: \"maybe\" is not true or false"
                        + " (write true or false)");
    }

    @Test
    void aKeyWithoutAValueIsAProblemButASectionWithoutOneIsEmpty() {
        assertThat(problems("resilience:\n  max-retries:\n")).containsExactly("resilience.max-retries: has no value"
                + " (use a whole number of at least 0, or remove the key to use the default)");
        assertThat(problems("resilience:\n  call-deadline:\n")).containsExactly("resilience.call-deadline: has no value"
                + " (use a number with a unit: 500ms, 30s, 5m, 1h, or none for no limit, or remove the key to use the"
                + " default)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            5 parsecs       | "5 parsecs" is not a duration
            60              | "60" has no unit
            '"60"'          | "60" has no unit
            1.5             | "1.5" has no unit
            5 m             | "5 m" is not a duration
            10 seconds      | "10 seconds" is not a duration
            0s              | "0s" must be longer than zero
            0ms             | "0ms" must be longer than zero
            -5s             | "-5s" must be longer than zero
            99999999999h    | "99999999999h" is too long
            """)
    void refusesMalformedDurationsNamingTheKeyAndTheUnitsToUse(String value, String problem) {
        for (String key : List.of("resilience.attempt-timeout", "resilience.backoff.initial", "resilience.backoff.max",
                "resilience.max-retry-wait", "resilience.circuit-breaker.open-for")) {
            assertThat(problems(at(key, value))).as(key).contains(key + ": " + problem + DURATION_HINT);
        }
        assertThat(problems(at("resilience.call-deadline", value))).containsExactly("resilience.call-deadline: "
                + problem + " (use a number with a unit: 500ms, 30s, 5m, 1h, or none for no limit)");
    }

    @Test
    void refusesNumbersBelowTheirMinimum() {
        assertThat(problems(at("resilience.max-retries", "-1"))).containsExactly(
                "resilience.max-retries: -1 is too small (use a whole number of at least 0)");
        assertThat(problems(at("resilience.circuit-breaker.failure-threshold", "0"))).containsExactly(
                "resilience.circuit-breaker.failure-threshold: 0 is too small (use a whole number of at least 1)");
        assertThat(problems(at("workflow.max-iterations", "0"))).containsExactly(
                "workflow.max-iterations: 0 is too small (use a whole number of at least 1)");
        assertThat(problems(at("workflow.token-budget", "0"))).containsExactly(
                "workflow.token-budget: 0 is too small (use a whole number of at least 1)");
        assertThat(problems(at("workflow.parallelism", "0"))).containsExactly(
                "workflow.parallelism: 0 is too small (use a whole number of at least 1)");
        assertThat(problems(at("resilience.backoff.jitter", "-0.1"))).containsExactly(
                "resilience.backoff.jitter: -0.1 is out of range (use a fraction from 0 to 1, such as 0.25)");
    }

    @Test
    void refusesABackoffWhoseMaximumIsShorterThanItsStart() {
        assertThat(problems(at("resilience.backoff", "{ initial: 2s, max: 1s }"))).containsExactly(
                "resilience.backoff.max: max 1s is shorter than initial 2s; make max at least as long as initial");
        assertThat(problems(at("resilience.backoff.initial", "10s"))).containsExactly("resilience.backoff.initial:"
                + " max 8s (the default) is shorter than initial 10s; make max at least as long as initial");
    }

    @Test
    void refusesAProviderWithoutATypeOrWithAnUnknownOneNamingTheKnownTypes() {
        assertThat(problems("providers: { local: { base-url: http://localhost:1234/v1 } }\nchain: [local:m]\n"))
                .containsExactly("providers.local.type: missing; set it to one of: huggingface, openai");
        assertThat(problems("providers: { local: { type: ollama } }\nchain: [local:m]\n"))
                .containsExactly("providers.local.type: unknown provider type \"ollama\"; known types: huggingface, openai");
        assertThat(problems("providers: { local: }\nchain: [local:m]\n"))
                .containsExactly("providers.local.type: missing; set it to one of: huggingface, openai");
    }

    @Test
    void refusesAProviderOfATypeWithoutADefaultBaseUrlThatGivesNone() {
        ConfigFixture fixture = fixture().types(Map.of("huggingface", Set.of(), "openai", Set.of(), "echo", Set.of()));

        assertThat(fixture.problems("providers: { parrot: { type: echo } }\nchain: [parrot:polly]\n")).containsExactly(
                "providers.parrot.base-url: missing; a provider of type echo has no default, set the URL of its API,"
                        + " such as https://api.example.com/v1");
    }

    @Test
    void refusesABaseUrlThatIsNotAnAbsoluteHttpUrl() {
        assertThat(problems(provider("base-url: api.openai.com/v1"))).containsExactly("providers.local.base-url:"
                + " \"api.openai.com/v1\" is not an absolute http(s) URL; write one with scheme and host, such as"
                + " https://api.openai.com/v1");
        assertThat(problems(provider("base-url: ftp://files.example.com/v1"))).containsExactly("providers.local.base-url:"
                + " \"ftp://files.example.com/v1\" is not an absolute http(s) URL; write one with scheme and host,"
                + " such as https://api.openai.com/v1");
        assertThat(problems(provider("base-url: https://exa mple.com"))).containsExactly("providers.local.base-url:"
                + " \"https://exa mple.com\" is not a URL; write an absolute http(s) URL such as https://api.openai.com/v1");
        assertThat(problems(provider("base-url: \"https://api.example.com/v1?region=eu\""))).containsExactly(
                "providers.local.base-url: \"https://api.example.com/v1?region=eu\" must not have a query or fragment;"
                        + " write only scheme, host, port and path, such as https://api.openai.com/v1");
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopbackUnlessTheProviderAllowsIt() {
        assertThat(problems(provider("base-url: http://gpu-box.lan:8000/v1"))).containsExactly(
                "providers.local.base-url: \"http://gpu-box.lan:8000/v1\" would send every prompt unencrypted to gpu-box.lan,"
                        + " which is not a loopback host; use https://, or set allow-insecure-http: true on this"
                        + " provider if the network is trusted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "128.0.0.1", "0.0.0.0", "localhost.example.com",
        "127.0.0.1.nip.io", "[::2]", "[fe80::1]", "example.com"})
    void treatsOnlyLocalhostAnd127SlashEightAndColonColon1AsLoopback(String host) {
        assertThat(problems(provider("base-url: \"http://" + host + ":8000/v1\"")))
                .singleElement().asString().contains("which is not a loopback host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "127.0.0.1", "127.255.255.254", "[::1]", "[0:0:0:0:0:0:0:1]"})
    void acceptsPlainHttpToLoopbackHosts(String host) {
        assertThat(fixture().load(provider("base-url: \"http://" + host + ":8000/v1\"")).providers()).containsKey("local");
    }

    @Test
    void refusesATokenEnvThatIsNotAnEnvironmentVariableName() {
        assertThat(problems(provider("token-env: local token"))).containsExactly("providers.local.token-env:"
                + " \"local token\" is not an environment variable name; use letters, digits and underscores,"
                + " not starting with a digit, such as HF_TOKEN");
        assertThat(problems(provider("token-env: 1ST_KEY_VAR"))).singleElement().asString()
                .startsWith("providers.local.token-env: \"1ST_KEY_VAR\" is not an environment variable name");
        assertThat(problems(provider("token-env: [A, B]"))).containsExactly("providers.local.token-env: expected an"
                + " environment variable name, found a list (name the environment variable holding the key, such as"
                + " HF_TOKEN, or remove token-env for a server that needs no key)");
    }

    @Test
    void refusesAProviderNameThatAChainEntryCouldNotUse() {
        assertThat(problems("providers: { \"my hf\": { type: huggingface } }\nchain: [hf:m]\n")).containsExactly(
                "providers.\"my hf\": is not a usable provider name; use letters, digits, '.', '_' and '-', starting"
                        + " with a letter or digit",
                "chain[0]: \"hf:m\" names provider \"hf\", which is not configured; use one of: my hf");
    }

    @Test
    void refusesAnOptionThatIsNotOneValue() {
        assertThat(problems("providers: { hf: { type: huggingface, proxy-providers: [novita, together] } }\n"))
                .containsExactly("providers.hf.proxy-providers: expected one value, found a list (write text, a number"
                        + " or true/false; list several values separated by commas)");
    }

    @Test
    void refusesProvidersThatDeclareNone() {
        assertThat(problems("providers: {}\nchain: [hf:m]\n")).containsExactly(
                "providers: declares no provider; declare at least one, such as hf: { type: huggingface }, or remove"
                        + " providers to use the built-in hf and openai",
                "chain[0]: \"hf:m\" names provider \"hf\", which is not configured; use one of: ");
    }

    @Test
    void asksForAChainWhenAFilesOwnProvidersLeaveNoBuiltInEntry() {
        assertThat(problems("providers: { local: { type: openai, base-url: http://localhost:1234/v1 } }\n"))
                .containsExactly("chain: missing, and the built-in chain (hf:Qwen/Qwen2.5-72B-Instruct,"
                        + " hf:Qwen/Qwen2.5-7B-Instruct, hf:meta-llama/Llama-3.1-8B-Instruct) names no provider"
                        + " declared here; list the models to try, such as chain: [local:<model id>]");
    }

    @Test
    void refusesChainEntriesThatAreMalformedOrNameAnUnknownProvider() {
        assertThat(problems("chain: [gpt-4o-mini, 'openai:', hf:Qwen/Qwen2.5-7B-Instruct, groq:llama-3]\n")).containsExactly(
                "chain[0]: \"gpt-4o-mini\" is not a model reference; write \"<provider>:<model id>\", such as"
                        + " hf:Qwen/Qwen2.5-72B-Instruct",
                "chain[1]: \"openai:\" is not a model reference; write \"<provider>:<model id>\", such as"
                        + " hf:Qwen/Qwen2.5-72B-Instruct",
                "chain[3]: \"groq:llama-3\" names provider \"groq\", which is not configured; use one of: hf, openai");
        assertThat(problems("chain:\n  - 42\n  -\n")).containsExactly(
                "chain[0]: expected text \"<provider>:<model id>\", found 42 (write \"<provider>:<model id>\", such as"
                        + " hf:Qwen/Qwen2.5-72B-Instruct)",
                "chain[1]: has no value (write \"<provider>:<model id>\", such as hf:Qwen/Qwen2.5-72B-Instruct)");
    }

    @Test
    void explainsAChainEntryThatYamlReadAsAMapBecauseOfASpaceAfterTheColon() {
        assertThat(problems("chain:\n  - hf: Qwen/Qwen2.5-72B-Instruct\n")).containsExactly(
                "chain[0]: expected text \"<provider>:<model id>\", found a map; write it without a space after the"
                        + " colon: \"hf:Qwen/Qwen2.5-72B-Instruct\"");
    }

    @Test
    void refusesAnEmptyChain() {
        String problem = "chain: is empty; list at least one model, such as - hf:Qwen/Qwen2.5-72B-Instruct";
        assertThat(problems("chain: []\n")).containsExactly(problem);
        assertThat(problems("chain:\n")).containsExactly(problem);
    }

    @Test
    void refusesAModelIdWithDotDotSegmentsThatCouldLeaveItsRoute() {
        assertThat(problems("chain:\n  - hf:x/../../admin/x:novita\n")).containsExactly(
                "chain[0]: \"hf:x/../../admin/x:novita\" has a \".\" or \"..\" segment in its model id, which could point"
                        + " a request outside the provider's route; write the model id as the provider names it");
    }

    @Test
    void validatesCommandLineOverridesLikeTheFile() {
        ConfigFixture fixture = fixture();
        String yaml = "workflow: { parallelism: 0 }\n";

        assertThat(fixture.problems(yaml, Overrides.none().withChain("hf:a,,gpt-4o,groq:llama").withMaxIterations(0)
                .withTokenBudget(-5))).containsExactly(
                "--chain: entry 2 is empty; separate model references with single commas, such as"
                        + " hf:Qwen/Qwen2.5-72B-Instruct,openai:gpt-4o-mini",
                "--chain: \"gpt-4o\" is not a model reference; write \"<provider>:<model id>\", such as"
                        + " hf:Qwen/Qwen2.5-72B-Instruct",
                "--chain: \"groq:llama\" names provider \"groq\", which is not configured; use one of: hf, openai",
                "workflow.parallelism: 0 is too small (use a whole number of at least 1)",
                "--max-iterations: 0 is too small (use a whole number of at least 1)",
                "--token-budget: -5 is too small (use a whole number of at least 1)");
        assertThat(ConfigFixture.failure(() -> fixture.loader().load(Optional.empty(), Overrides.none().withChain(" ")))
                .problems()).containsExactly("--chain: is empty; list at least one model, such as"
                        + " --chain hf:Qwen/Qwen2.5-72B-Instruct,openai:gpt-4o-mini");
    }

    @Test
    void refusesAnUnusableOpenAiBaseUrlFromTheEnvironment() {
        ConfigFixture fixture = fixture().env("OPENAI_BASE_URL", "api.internal/v1");

        assertThat(ConfigFixture.failure(() -> fixture.loader().defaults()).problems()).containsExactly(
                "providers.openai.base-url (from OPENAI_BASE_URL): \"api.internal/v1\" is not an absolute http(s) URL;"
                        + " write one with scheme and host, such as https://api.openai.com/v1");
        fixture.env("OPENAI_BASE_URL", "http://10.1.2.3:8000/v1");
        assertThat(ConfigFixture.failure(() -> fixture.loader().load(Optional.empty())).problems()).singleElement()
                .asString().startsWith("providers.openai.base-url (from OPENAI_BASE_URL): \"http://10.1.2.3:8000/v1\""
                        + " would send the key unencrypted to 10.1.2.3, which is not a loopback host");
    }

    @Test
    void reportsAYamlSyntaxErrorWithFileLineAndColumn() {
        Path file = workingDirectory.resolve("config.yaml");

        assertThat(problems("workflow:\n  parallelism: 4\nresilience: attempt-timeout: 60s\n")).containsExactly(
                file + ": YAML syntax error at line 3, column 28: mapping values are not allowed here; fix the YAML"
                        + " there");
        assertThat(problems("workflow:\n  parallelism: 4\n  parallelism: 5\n")).containsExactly(
                file + ": YAML syntax error at line 3, column 14: key \"parallelism\" appears twice in the same map;"
                        + " fix the YAML there");
        assertThat(problems("workflow:\n\tparallelism: 4\n")).singleElement().asString()
                .startsWith(file + ": YAML syntax error at line 2, column 1: ");
    }

    @Test
    void refusesAFileOfSeveralYamlDocuments() {
        assertThat(problems("workflow: { parallelism: 4 }\n---\nworkflow: { parallelism: 5 }\n")).containsExactly(
                workingDirectory.resolve("config.yaml") + ": holds more than one YAML document; keep one (remove the"
                        + " extra ---)");
    }

    @Test
    void saysAKeyedProviderWouldSendItsKeyOverPlainHttp() {
        assertThat(problems(provider("token-env: LOCAL_KEY, base-url: http://gpu-box.lan:8000/v1"))).singleElement()
                .asString().contains("would send the key unencrypted to gpu-box.lan");
    }

    @Test
    void suggestsTheKeyAnUnknownOneWasMeantToBe() {
        assertThat(problems(provider("tokenenv: LOCAL_KEY, base-url: http://localhost:8000/v1"))).containsExactly(
                "providers.local.tokenenv: unknown key for type openai; did you mean token-env?; allowed keys: type,"
                        + " base-url, token-env, allow-insecure-http, token-limit-field");
    }

    @Test
    void reportsChainProblemsInChainOrder() {
        assertThat(problems("providers: { local: { type: openai, base-url: http://localhost:1/v1 } }\n"
                + "chain: [ \"nowhere:m\", \"local\", \"local:m\", \"elsewhere:m\" ]\n"))
                .extracting(problem -> problem.substring(0, problem.indexOf(':')))
                .containsExactly("chain[0]", "chain[1]", "chain[3]");
    }

    @Test
    void explainsThatYamlAliasesAreNotSupported() {
        assertThat(problems("resilience: &r\n  max-retries: 1\nworkflow: *r\n")).singleElement().asString()
                .endsWith("line 3, column 11: *r is a YAML alias (a reference to a value marked &r elsewhere in the"
                        + " file); aliases are not supported: write the value out in full there");
    }

    private static String provider(String settings) {
        return "providers: { local: { type: openai, " + settings + " } }\nchain: [local:m]\n";
    }
}
