package dev.detour.app.cli;

import static dev.detour.app.testing.FakeProvider.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.app.config.Environment;
import dev.detour.app.testing.FakeProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands and help a newcomer meets first: help, completion, version, config, and the shape of errors. */
class CommandsTest {

    private static final String HF_TOKEN = "hf_FakeCommandsTestToken";
    private static final String QWEN_72B = "Qwen/Qwen2.5-72B-Instruct";
    private static final String QWEN_7B = "Qwen/Qwen2.5-7B-Instruct";

    @TempDir
    Path directory;

    private FakeProvider hf;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        hf = new FakeProvider("hf-inference");
        Files.writeString(directory.resolve("detour.yaml"), """
                evidence: none
                providers:
                  hf: { type: huggingface, base-url: %s, token-env: HF_TOKEN }
                chain: [ "hf:Qwen/Qwen2.5-72B-Instruct", "hf:Qwen/Qwen2.5-7B-Instruct" ]
                resilience: { max-retries: 0 }
                workflow: { token-budget: 40000 }
                """.formatted(hf.url("/")));
    }

    @AfterEach
    void stop() throws IOException {
        hf.close();
    }

    private int detour(int columns, boolean unicode, String... args) {
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Environment.of(Map.of("HF_TOKEN", HF_TOKEN, "DETOUR_HOME", directory.resolve("home").toString())),
                directory, false, columns, unicode);
        return Main.run(context, args);
    }

    private int detour(String... args) {
        return detour(80, true, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpRunShowsTheRunCommandsHelpWithExitCodesEnvironmentAndAnExample() {
        assertThat(detour("help", "run")).isZero();

        assertThat(stdout()).startsWith("Usage: detour run ")
                .contains("Exit codes:", "130", "Environment:", "DETOUR_CONFIG", "HF_TOKEN", "Example:",
                        "detour run \"Why do tides happen twice a day?\"")
                .doesNotContain("Did you mean");
    }

    @Test
    void wrapsHelpAtTheTerminalWidthBetweenWordsOnly() {
        assertThat(detour(60, true, "run", "--help")).isZero();

        assertThat(stdout().lines().filter(line -> line.strip().contains(" ")))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
        assertThat(stdout()).contains("./detour.yaml", "workflow.max-iterations", "workflow.token-budget")
                .doesNotContain(". /detour.yaml", "workflow. ");
    }

    @Test
    void everyCommandHasAnExample() {
        for (String command : new String[] {"run", "doctor", "models", "config", "demo", "completion", "resume", "runs",
                "show", "runs prune"}) {
            out.reset();
            assertThat(detour((command + " --help").split(" "))).as(command).isZero();
            assertThat(stdout()).as(command).contains("Exit codes:", "Environment:", "Example:", "detour " + command);
        }
        out.reset();
        assertThat(detour("show", "--version")).isZero();
        assertThat(stdout()).startsWith("detour ").contains("commit ");
    }

    @Test
    void anUnquotedQuestionIsToldToBeQuotedInsteadOfGettingTheUsage() {
        assertThat(detour("run", "Why", "do", "tides", "happen?")).isEqualTo(2);

        assertThat(stderr()).isEqualTo("detour run: the question arrived as several arguments; quote the question,"
                + " such as: detour run \"Why do tides happen?\"\n");
        assertThat(hf.received()).isEmpty();
    }

    @Test
    void anUnknownOptionNamesTheProblemAndWhereTheHelpIsWithoutTheUsage() {
        assertThat(detour("run", "--frmat", "json", "Why?")).isEqualTo(2);

        assertThat(stderr()).contains("Unknown options: '--frmat'", "See 'detour help run'").doesNotContain("Usage:");
    }

    @Test
    void aMistypedCommandOrOptionGetsTheOneItWasMostLikelyMeantToBe() {
        assertThat(detour("docter")).isEqualTo(2);
        assertThat(stderr()).contains("Did you mean: detour doctor?").doesNotContain("serve", "worker", "Usage:");

        err.reset();
        assertThat(detour("rnu", "Why?")).isEqualTo(2);
        assertThat(stderr()).contains("Did you mean: detour run?");

        err.reset();
        assertThat(detour("hlep")).isEqualTo(2);
        assertThat(stderr()).contains("Did you mean: detour help?").doesNotContain("completion");

        err.reset();
        assertThat(detour("runs", "prnue")).isEqualTo(2);
        assertThat(stderr()).contains("Did you mean: detour runs prune?");

        err.reset();
        assertThat(detour("run", "--chian=hf:" + QWEN_7B, "Why?")).isEqualTo(2);
        assertThat(stderr()).contains("Did you mean: --chain?");

        err.reset();
        assertThat(detour("run", "--colour", "Why?")).isEqualTo(2);
        assertThat(stderr()).doesNotContain("Did you mean");
        assertThat(hf.received()).isEmpty();
    }

    @Test
    void aMistypedConfigKeyOrProviderNameGetsWhatItWasMostLikelyMeantToBe() throws IOException {
        Files.writeString(directory.resolve("typos.yaml"), """
                providers:
                  hf: { type: huggingface, base-url: %s, token-env: HF_TOKEN, read-timout: 30s }
                chain: [ "hff:Qwen/Qwen2.5-72B-Instruct" ]
                workflw: { token-budget: 40000 }
                """.formatted(hf.url("/")));

        assertThat(detour("config", "--config", "typos.yaml")).isEqualTo(2);

        assertThat(stderr()).contains("workflw: unknown key; did you mean workflow?",
                "providers.hf.read-timout: unknown key for type huggingface; did you mean read-timeout?",
                "\"hff:Qwen/Qwen2.5-72B-Instruct\" names provider \"hff\", which is not configured; did you mean hf?");
    }

    @Test
    void aHostThatDoesNotResolveIsTriedOnceAndSaysToCheckTheNetworkOrTheBaseUrl() throws IOException {
        Files.writeString(directory.resolve("offline.yaml"), """
                providers:
                  gateway: { type: openai, base-url: "https://no-such-host.invalid/v1" }
                chain: [ "gateway:gpt-4o-mini" ]
                resilience: { max-retries: 2 }
                """);

        assertThat(detour("run", "--config", "offline.yaml", "--quiet", "--no-store", "Why?")).isEqualTo(1);

        assertThat(stderr()).contains("cannot resolve no-such-host.invalid",
                "the host of provider gateway does not resolve: check the network, or the provider's base-url")
                .doesNotContain("inference provider;", "pin another");
        assertThat(stderr().lines().filter(line -> line.contains("gateway:gpt-4o-mini") && line.contains("cannot resolve")))
                .as("one attempt, no retry").hasSize(1);
    }

    @Test
    void acceptsTheFormatInAnyCase() throws IOException {
        assertThat(detour("run", "--format", "JSON", "--quiet", "--output", "report.json", "Why?")).isZero();

        assertThat(new ObjectMapper().readTree(directory.resolve("report.json").toFile()).get("schemaVersion").asInt())
                .isEqualTo(1);
    }

    @Test
    void versionNamesTheCommitTheBuildAndTheJdk() {
        assertThat(detour("--version")).isZero();

        assertThat(stdout()).startsWith("detour ").contains("commit ", "built ", "JDK " + System.getProperty("java.version"));
    }

    @Test
    void everyRequestNamesDetourAndItsVersionAsTheUserAgent() {
        assertThat(detour("run", "--quiet", "--no-store", "Why?")).isZero();
        String version = stdoutOf("--version").lines().findFirst().orElseThrow().substring("detour ".length());

        assertThat(hf.received()).isNotEmpty()
                .allSatisfy(request -> assertThat(request.userAgent()).isEqualTo("detour/" + version));
    }

    private String stdoutOf(String... args) {
        out.reset();
        detour(args);
        return stdout();
    }

    @Test
    void completionPrintsABashScriptThatKnowsEveryCommand() {
        assertThat(detour("completion", "bash")).isZero();

        assertThat(stdout()).contains("complete -F", "run", "doctor", "models", "config", "--max-iterations");
        out.reset();
        assertThat(detour("completion", "zsh")).isZero();
        assertThat(stdout()).contains("bashcompinit");
    }

    @Test
    void configShowsEveryKeyWithItsValueAndOriginButNeverTheKey() throws IOException {
        assertThat(detour("config", "--chain", "hf:" + QWEN_7B)).isZero();

        assertThat(stdout()).contains("Configuration from " + directory.resolve("detour.yaml"))
                .containsPattern("providers\\.hf\\.base-url +" + java.util.regex.Pattern.quote(hf.url("/").toString()) + " +file")
                .containsPattern("providers\\.hf\\.token-env +HF_TOKEN \\(set\\) +file")
                .containsPattern("chain +hf:Qwen/Qwen2.5-7B-Instruct +flag \\(--chain\\)")
                .containsPattern("resilience\\.max-retries +0 +file")
                .containsPattern("resilience\\.backoff\\.initial +500ms +default")
                .containsPattern("workflow\\.token-budget +40000 +file")
                .doesNotContain(HF_TOKEN);
        out.reset();
        assertThat(detour("config", "--format", "json")).isZero();
        JsonNode json = new ObjectMapper().readTree(stdout());
        assertThat(json.get("settings").findValuesAsText("key")).contains("resilience.call-deadline", "workflow.parallelism",
                "store.path", "store.retention", "workflow.cost-budget", "telemetry.exporter", "telemetry.endpoint",
                "telemetry.protocol", "telemetry.propagate");
    }

    @Test
    void configShowsTheTelemetrySectionPricesAndCostBudgetOfTheFile() throws IOException {
        Files.writeString(directory.resolve("traced.yaml"), Files.readString(directory.resolve("detour.yaml"))
                .replace("workflow: { token-budget: 40000 }", """
                        workflow: { token-budget: 40000, cost-budget: 0.50 }
                        pricing:
                          "hf:Qwen/Qwen2.5-72B-Instruct": { input-per-million: 0.90, output-per-million: 0.90 }
                          "hf:Qwen/Qwen2.5-7B-Instruct": { input-per-million: 0.15, output-per-million: 0.60 }
                        telemetry: { propagate: true }
                        """));

        assertThat(detour("config", "--config", "traced.yaml")).isZero();

        assertThat(stdout()).containsPattern("telemetry\\.propagate +true +file")
                .containsPattern("telemetry\\.exporter +none +default")
                .containsPattern("telemetry\\.protocol +http/protobuf +default")
                .containsPattern("workflow\\.cost-budget +0\\.50? +file")
                .containsPattern("pricing\\.hf:Qwen/Qwen2\\.5-7B-Instruct +0\\.15 in, 0\\.6 out \\(dollars per million tokens\\) +file");
    }

    @Test
    void modelsAndDoctorSpeakJsonOnRequest() throws IOException {
        hf.always(QWEN_72B, error(500, "{\"error\":\"Internal Server Error\"}"));

        assertThat(detour("models", "--format", "json")).isZero();
        JsonNode models = new ObjectMapper().readTree(stdout());
        assertThat(models.get("chain").get(0).get("model").asText()).isEqualTo("hf:" + QWEN_72B);
        assertThat(models.get("chain").get(0).get("keySet").asBoolean()).isTrue();
        assertThat(stdout()).doesNotContain(HF_TOKEN);

        out.reset();
        assertThat(detour("doctor", "--format", "json")).isZero();
        JsonNode doctor = new ObjectMapper().readTree(stdout());
        assertThat(doctor.get("answered").asInt()).isEqualTo(1);
        assertThat(doctor.get("models").get(0).get("httpStatus").asInt()).isEqualTo(500);
        assertThat(doctor.get("models").get(1).get("ok").asBoolean()).isTrue();
    }

    @Test
    void doctorProbesEveryModelAtOnceWithItsOwnTimeoutAndALinePerProbe() {
        CountDownLatch bothArrived = new CountDownLatch(2);
        hf.always(QWEN_72B, FakeProvider.stalled()).always(QWEN_7B, FakeProvider.stalled());
        hf.beforeAnswering(request -> {
            bothArrived.countDown();
            await(bothArrived);
        });

        int exit = detour("doctor", "--timeout", "2s");

        assertThat(bothArrived.getCount()).as("both probes in flight at once").isZero();
        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).contains("no answer within 2 s (raise --timeout to wait longer)", "0 of 2 models answered");
        assertThat(stderr()).contains("probing 2 models at once, each for at most 2 s",
                "✗ hf:Qwen/Qwen2.5-72B-Instruct: Timeout in", "✗ hf:Qwen/Qwen2.5-7B-Instruct: Timeout in");
        assertThat(hf.requestsFor(QWEN_72B)).as("no retries").isEqualTo(1);
        assertThat(hf.requestsFor(QWEN_7B)).as("no retries").isEqualTo(1);
    }

    /** Holds a request until the other arrives too; a doctor that probed one after the other would never get there. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void logsTheWaitThatTheProviderAskedForBeforeARetry() throws IOException {
        hf.script(QWEN_72B, error(429, "{\"error\":\"rate limited\"}").newBuilder().addHeader("retry-after-ms", "25")
                .build());
        Files.writeString(directory.resolve("retry.yaml"), Files.readString(directory.resolve("detour.yaml"))
                .replace("max-retries: 0", "max-retries: 1"));

        assertThat(detour("run", "--config", "retry.yaml", "--quiet", "--events", "events.jsonl", "Why?")).isZero();

        JsonNode retry = Files.readAllLines(directory.resolve("events.jsonl")).stream().map(CommandsTest::json)
                .filter(event -> event.get("type").asText().equals("RetryScheduled")).findFirst().orElseThrow();
        assertThat(retry.get("step").asText()).isEqualTo("plan");
        assertThat(retry.get("model").asText()).isEqualTo("hf:" + QWEN_72B);
        assertThat(retry.get("retry").asInt()).isEqualTo(1);
        assertThat(retry.get("delayMs").asLong()).isEqualTo(25);
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void doctorRefusesATimeoutThatIsNotADuration() {
        assertThat(detour("doctor", "--timeout", "soon")).isEqualTo(2);
        assertThat(stderr()).contains("--timeout soon is not a duration");
    }

    @Test
    void marksProgressInAsciiWhenTheTerminalCannotShowUnicode() {
        hf.always(QWEN_72B, error(500, "{\"error\":\"Internal Server Error\"}"));

        assertThat(detour(80, false, "run", "Why?")).isZero();

        assertThat(stderr()).contains("+ plan (", "  ! plan: ", "  -> plan: falling back").doesNotContain("✓", "→");
    }

    @Test
    void cutsTheStatusLineToTheTerminalsNewWidthAfterAResize() throws Exception {
        AtomicInteger measuredColumns = new AtomicInteger();
        CountDownLatch measured = new CountDownLatch(1);
        TerminalWidth width = TerminalWidth.measuredBy(80, () -> {
            int columns = measuredColumns.get();
            measured.countDown();
            return columns;
        }).followResizes();
        AtomicInteger requests = new AtomicInteger();
        hf.beforeAnswering(request -> {
            if (requests.incrementAndGet() == 2 && measuredColumns.compareAndSet(0, 30)) {
                resizeThisProcessesTerminal();
                await(measured);
            }
        });
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Environment.of(Map.of("HF_TOKEN", HF_TOKEN, "DETOUR_HOME", directory.resolve("home").toString())),
                directory, true, width, false);

        assertThat(Main.run(context, "run", "Why?")).isZero();

        assertThat(width.columns()).isEqualTo(30);
        List<String> statusLines = Arrays.stream(stderr().split("\r\033\\[2K"))
                .filter(segment -> segment.startsWith(".. ") && !segment.contains("\n")).toList();
        assertThat(statusLines).filteredOn(line -> line.startsWith(".. plan ["))
                .anySatisfy(line -> assertThat(line.length()).isGreaterThan(29));
        assertThat(statusLines).filteredOn(line -> line.startsWith(".. refine") || line.startsWith(".. synthesize"))
                .isNotEmpty().allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(29));
    }

    /** What a terminal does when its window is resized: it sends the process in front SIGWINCH. */
    private static void resizeThisProcessesTerminal() {
        try {
            new ProcessBuilder("kill", "-WINCH", Long.toString(ProcessHandle.current().pid())).inheritIO().start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void marksStepsTheBudgetLeftUnrunAsSkippedNotDone() {
        assertThat(detour("run", "--token-budget", "30", "Why do tides happen?")).isEqualTo(1);

        assertThat(stderr()).contains("○ synthesize skipped (token budget exhausted").doesNotContain("✓ synthesize");
    }
}
