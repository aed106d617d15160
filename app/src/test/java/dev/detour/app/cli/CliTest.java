package dev.detour.app.cli;

import static dev.detour.app.testing.FakeProvider.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.app.config.Environment;
import dev.detour.app.testing.ClassPathWithImpostor;
import dev.detour.app.testing.FakeProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code detour} command end to end: exit codes, report, stderr, events, against loopback providers. */
class CliTest {

    private static final String HF_TOKEN = "hf_FakeCliTestToken";
    private static final String OPENAI_KEY = "sk-fake-cli-test-key";
    private static final String QWEN_72B = "Qwen/Qwen2.5-72B-Instruct";
    private static final String QWEN_7B = "Qwen/Qwen2.5-7B-Instruct";
    private static final String GPT = "gpt-4o-mini";

    @TempDir
    Path directory;

    private FakeProvider hf;
    private FakeProvider openai;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        hf = new FakeProvider("hf-inference");
        openai = new FakeProvider(null);
        Files.writeString(directory.resolve("detour.yaml"), """
                evidence: none
                providers:
                  hf: { type: huggingface, base-url: %s, token-env: HF_TOKEN }
                  openai: { type: openai, base-url: %s, token-env: OPENAI_API_KEY }
                chain:
                  - hf:Qwen/Qwen2.5-72B-Instruct
                  - hf:Qwen/Qwen2.5-7B-Instruct
                  - openai:gpt-4o-mini
                resilience:
                  max-retries: 1
                  backoff: { initial: 10ms, max: 20ms, jitter: 0 }
                  circuit-breaker: { failure-threshold: 10, open-for: 1m }
                workflow: { max-iterations: 2, token-budget: 50000, parallelism: 3 }
                """.formatted(hf.url("/"), openai.url("/v1")));
    }

    @AfterEach
    void stop() throws IOException {
        hf.close();
        openai.close();
    }

    private int detour(String... args) {
        return detourWith(Map.of("HF_TOKEN", HF_TOKEN, "OPENAI_API_KEY", OPENAI_KEY), args);
    }

    private int detourWith(Map<String, String> environment, String... args) {
        Map<String, String> withHome = new java.util.HashMap<>(environment);
        withHome.put("DETOUR_HOME", directory.resolve("home").toString());
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Environment.of(withHome), directory, false);
        return Main.run(context, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static MockResponse novita500() {
        return error(500, "{\"error\":\"Internal Server Error\"}").newBuilder()
                .addHeader("x-inference-provider", "novita").build();
    }

    @Test
    void researchesAQuestionFallingBackAndPrintsTheReport() {
        hf.always(QWEN_72B, novita500());

        int exit = detour("run", "Why do tides happen twice a day?");

        assertThat(exit).isZero();
        assertThat(stdout()).startsWith("# Why do tides happen twice a day?")
                .contains("## Provenance", "fell back from `hf:Qwen/Qwen2.5-72B-Instruct` (HTTP 500 from novita, 2 attempts)");
        assertThat(stderr()).contains("✓ plan", "falling back from hf:Qwen/Qwen2.5-72B-Instruct (HTTP 500 from novita)")
                .doesNotContain(HF_TOKEN, OPENAI_KEY);
    }

    @Test
    void exitsWith1AndExplainsEachFailureWhenEveryModelIsDown() {
        hf.always(QWEN_72B, novita500());
        hf.always(QWEN_7B, error(402, "{\"error\":\"You have depleted your monthly included credits."
                + " Purchase pre-paid credits to continue using Inference Providers.\"}"));
        openai.always(GPT, error(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"invalid_api_key\"}}"));

        int exit = detour("run", "Why do tides happen twice a day?");

        assertThat(exit).isEqualTo(1);
        assertThat(stderr())
                .contains("detour: the run failed at step plan.", "Every model of the chain failed:")
                .contains("HTTP 500 from novita (routed by hf): an upstream outage at novita")
                .contains("HTTP 402 from hf: credits or quota are used up")
                .contains("HTTP 401 from openai: check the token in OPENAI_API_KEY")
                .doesNotContain(HF_TOKEN, OPENAI_KEY);
        assertThat(stdout()).contains("> **Incomplete.** The run failed at step `plan`");
    }

    @Test
    void exitsWith2NamingTheKeyOfAnInvalidConfiguration() throws IOException {
        Files.writeString(directory.resolve("bad.yaml"), "resilience:\n  backoff: { initial: 5 parsecs }\n");

        int exit = detour("run", "--config", "bad.yaml", "Why?");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains(
                "resilience.backoff.initial: \"5 parsecs\" is not a duration (use a number with a unit: 500ms, 30s, 5m, 1h)");
        assertThat(hf.received()).isEmpty();
    }

    @Test
    void aTokenWithALineBreakIsAConfigurationErrorNamingTheVariableNeverTheValue() {
        int exit = detourWith(Map.of("HF_TOKEN", "hf_FakeCliTest\r\nX-Injected: yes", "OPENAI_API_KEY", OPENAI_KEY),
                "run", "Why?");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("providers.hf.token-env: the environment variable HF_TOKEN holds a line break")
                .doesNotContain("hf_FakeCliTest", "X-Injected", "IllegalArgumentException", "\tat ");
        assertThat(hf.received()).isEmpty();
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsExit2WithTheReasonBeforeAnyModelCall() {
        int exit = detour("run", "--output", "missing/report.md", "Why?");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("--output missing/report.md: cannot write", "(its directory does not exist)");
        assertThat(hf.received()).isEmpty();
    }

    @Test
    void anEventsFileThatCannotBeWrittenIsExit2WithTheReasonBeforeAnyModelCall() throws IOException {
        Files.createDirectory(directory.resolve("a-directory"));

        int exit = detour("run", "--events", "a-directory", "Why?");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("--events a-directory: cannot write", "(Is a directory)");
        assertThat(hf.received()).isEmpty();
    }

    @Test
    void aReportThatCannotBeWrittenToStandardOutputIsExit1WithAMessageAndStaysInTheStore() {
        hf.always(QWEN_72B, novita500());
        java.io.OutputStream full = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        Map<String, String> environment = Map.of("HF_TOKEN", HF_TOKEN, "OPENAI_API_KEY", OPENAI_KEY,
                "DETOUR_HOME", directory.resolve("home").toString());
        CliContext context = new CliContext(new PrintStream(full, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Environment.of(environment), directory, false);

        int exit = Main.run(context, "run", "--quiet", "Why do tides happen?");

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).contains("detour: could not write the report to standard output",
                "the run itself is stored; detour show ");
    }

    @Test
    void eventsOnAFullDiskAreExit1WithTheReason() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "a Linux /dev/full");
        hf.always(QWEN_72B, novita500());

        int exit = detour("run", "--events", "/dev/full", "--output", "report.md", "--quiet", "Why do tides happen?");

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).contains("detour: the events could not all be written to /dev/full (No space left on device)");
        assertThat(directory.resolve("report.md")).content().startsWith("# Why do tides happen?");
    }

    @Test
    void writesEveryEventAsJsonLines() throws IOException {
        hf.always(QWEN_72B, novita500());

        int exit = detour("run", "--events", "events.jsonl", "--quiet", "Why do tides happen?");

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(directory.resolve("events.jsonl"));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line));
        }
        assertThat(events).extracting(event -> event.get("sequence").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).extracting(event -> event.get("type").asText())
                .startsWith("RunStarted", "StepStarted").endsWith("RunCompleted")
                .contains("AttemptFailed", "FallbackTaken", "AttemptSucceeded");
        JsonNode failed = events.stream().filter(event -> event.get("type").asText().equals("AttemptFailed"))
                .findFirst().orElseThrow();
        assertThat(failed.get("kind").asText()).isEqualTo("ProviderUnavailable");
        assertThat(failed.get("httpStatus").asInt()).isEqualTo(500);
        assertThat(failed.get("inferenceProvider").asText()).isEqualTo("novita");
        assertThat(failed.has("latencyMs")).isTrue();
        assertThat(stderr()).as("--quiet").doesNotContain("✓");
        assertThat(String.join("\n", lines)).doesNotContain(HF_TOKEN, OPENAI_KEY);
    }

    @Test
    void writesTheReportAsJsonOnRequest() throws IOException {
        int exit = detour("run", "--format", "json", "--output", "report.json", "--quiet", "Why?");

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(directory.resolve("report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("findings")).hasSize(3);
        assertThat(report.get("markdown").asText()).startsWith("# Why?");
    }

    @Test
    void exitsWith1AndSaysWhyWhenTheBudgetLeavesTheReportIncomplete() {
        int exit = detour("run", "--token-budget", "30", "--quiet", "Why do tides happen?");

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).contains("> **Incomplete.**", "_No synthesized answer.");
        assertThat(stderr()).contains("detour: the report is incomplete:", "token budget exhausted",
                "Raise --token-budget");
    }

    @Test
    void reportsEveryBadProviderOptionWithItsKeyPathBeforeAnyRequest() throws IOException {
        Files.writeString(directory.resolve("options.yaml"), """
                evidence: none
                providers:
                  hf: { type: huggingface, base-url: %s, token-env: HF_TOKEN, connect-timeout: 5 parsecs }
                  openai: { type: openai, base-url: %s, token-limit-field: max_tokenz }
                chain: [ "hf:Qwen/Qwen2.5-7B-Instruct", "openai:gpt-4o-mini" ]
                """.formatted(hf.url("/"), openai.url("/v1")));

        int exit = detour("models", "--config", "options.yaml");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("providers.hf.connect-timeout: \"5 parsecs\" is not a duration",
                "providers.openai.token-limit-field: token limit field must be one of");
        assertThat(hf.received()).isEmpty();
    }

    @Test
    void reportsABadOptionOfAProviderTypeFoundOnTheClassPathWithItsKeyPath() throws IOException {
        Files.writeString(directory.resolve("echo.yaml"), """
                evidence: none
                providers:
                  parrot: { type: echo, fail-first: twice }
                chain: [ "parrot:polly" ]
                """);

        int exit = detour("models", "--config", "echo.yaml");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("providers.parrot.fail-first: \"twice\" is not a whole number"
                + " (use a whole number of at least 1)");
    }

    @Test
    void refusesToStartWhenTwoProviderTypesOnTheClassPathShareAName() throws IOException {
        try (ClassPathWithImpostor impostor = ClassPathWithImpostor.install(directory.resolve("impostor"))) {
            int exit = detour("models");

            assertThat(exit).isEqualTo(2);
            assertThat(stderr()).contains("detour: the provider types on the class path are not usable:",
                    "two provider types are named \"openai\": dev.detour.adapters.openai.OpenAiProviderType",
                    "and dev.detour.app.testing.ImpostorProviderType", "remove one of these adapters from the class path");
        }
    }

    @Test
    void demoReplaysTheIncidentOnTheSimulatorAndSaysTheAnswersAreSimulated() {
        int exit = detour("demo", "--quiet");

        assertThat(exit).isZero();
        assertThat(stdout()).contains("fell back from `hf:Qwen/Qwen2.5-72B-Instruct` (HTTP 500 from novita, 3 attempts)",
                "## Attempts summary", "| hf:Qwen/Qwen2.5-72B-Instruct | 8 | 0 | 3 | 5 | 3 |",
                "generated by Detour's provider simulator");
        assertThat(stderr()).contains("every answer below comes from Detour's provider simulator");
    }

    @Test
    void demoFallsBackFromTheNovitaOutageToAClaudeModelOnAnthropicsOwnWireFormat() {
        int exit = detour("demo", "--quiet");

        assertThat(exit).isZero();
        assertThat(stdout()).contains(
                "fell back from `hf:Qwen/Qwen2.5-72B-Instruct` (HTTP 500 from novita, 3 attempts) to `anthropic:claude-sonnet-4-5`",
                "| plan | anthropic:claude-sonnet-4-5 |", "| synthesize | anthropic:claude-sonnet-4-5 |",
                "[simulated by claude-sonnet-4-5")
                .containsPattern("\\| anthropic:claude-sonnet-4-5 \\| (\\d+) \\| \\1 \\| 0 \\| 0 \\| \\1 \\|");
        assertThat(stderr()).contains("Chain: [hf:Qwen/Qwen2.5-72B-Instruct, anthropic:claude-sonnet-4-5,");
    }

    @Test
    void demoWithEveryModelDownExitsWith1AndExplainsEachFailure() {
        int exit = detour("demo", "--scenario", "all-down", "--quiet");

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).contains("Every model of the chain failed:", "HTTP 402 from hf-inference: credits");
        assertThat(stdout()).containsPattern("\\| anthropic:claude-sonnet-4-5 \\| [1-9]\\d* \\| 0 \\|");
    }

    @Test
    void demoRefusesAnUnknownScenarioNamingTheBuiltIns() {
        assertThat(detour("demo", "--scenario", "no-such-scenario")).isEqualTo(2);
        assertThat(stderr()).contains("detour demo: scenario file", "hf-outage, rate-limited, all-down");
    }

    @Test
    void warnsWhenAKeyVariableOfTheChainIsNotSet() {
        int exit = detourWith(Map.of("HF_TOKEN", HF_TOKEN), "run", "--quiet", "Why?");

        assertThat(exit).isZero();
        assertThat(stderr()).contains("detour: OPENAI_API_KEY is not set, so provider openai is called without a key")
                .doesNotContain("HF_TOKEN is not set");
    }

    @Test
    void refusesEventsOnStandardOutputWithoutAReportFile() {
        assertThat(detour("run", "--events", "-", "Why?")).isEqualTo(2);
        assertThat(stderr()).contains("--events - writes events to standard output; write the report elsewhere with --output FILE");
    }

    @Test
    void listsTheChainWithWhetherEachKeyIsSetButNeverTheKey() {
        int exit = detour("models");

        assertThat(exit).isZero();
        assertThat(stdout()).contains("hf:Qwen/Qwen2.5-72B-Instruct", "HF_TOKEN (set)", "OPENAI_API_KEY (set)",
                hf.url("/").toString()).doesNotContain(HF_TOKEN, OPENAI_KEY);
    }

    @Test
    void doctorProbesEveryModelOnceAndSucceedsWhenOneAnswers() {
        hf.always(QWEN_72B, novita500());
        hf.always(QWEN_7B, error(401, "{\"error\":\"Invalid credentials in Authorization header\"}"));

        int exit = detour("doctor");

        assertThat(exit).isZero();
        assertThat(stdout()).contains("ProviderUnavailable (HTTP 500)", "AuthenticationFailed (HTTP 401)", "OK",
                "1 of 3 models answered.");
        assertThat(hf.requestsFor(QWEN_72B)).as("no retries").isEqualTo(1);
    }

    @Test
    void doctorExitsWith1WhenNoModelAnswers() {
        hf.always(QWEN_72B, novita500());
        hf.always(QWEN_7B, novita500());
        openai.always(GPT, error(500, "{\"error\":{\"message\":\"server error\",\"type\":\"server_error\"}}"));

        assertThat(detour("doctor")).isEqualTo(1);
        assertThat(stdout()).contains("0 of 3 models answered; run `detour models` to check base URLs and keys");
    }
}
