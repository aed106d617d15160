package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.app.config.Environment;
import dev.detour.app.store.JsonValueCodec;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.testing.ScriptedModelPort;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.store.sqlite.SqliteRunStore;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detour run} stores its run; {@code runs}, {@code show}, {@code resume} and {@code runs prune} read it back. */
class StoreCliTest {

    private static final Pattern STORED = Pattern.compile("detour: run ([0-9a-f-]{36}) is stored in (\\S+); if it stops,"
            + " continue it with: detour resume ([0-9a-f]{8})");

    @TempDir
    Path directory;

    private FakeProvider local;
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        local = new FakeProvider(null);
        environment.put("DETOUR_HOME", home().toString());
        Files.writeString(directory.resolve("detour.yaml"), """
                evidence: none
                providers:
                  local: { type: openai, base-url: %s }
                chain: [ "local:qwen2.5:7b" ]
                workflow: { max-iterations: 1, token-budget: 50000, parallelism: 2 }
                """.formatted(local.url("/v1")));
    }

    @AfterEach
    void stop() throws IOException {
        local.close();
    }

    private Path home() {
        return directory.resolve("home");
    }

    private Path storeFile() {
        return home().resolve("detour.db");
    }

    private int detour(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Environment.of(environment), directory, false);
        return Main.run(context, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Runs a question and returns the id of its stored run. */
    private String storedRun(String... args) {
        int exit = detour(args);
        Matcher stored = STORED.matcher(stderr());
        assertThat(stored.find()).as("exit %s, stderr: %s", exit, stderr()).isTrue();
        assertThat(stored.group(2)).isEqualTo(storeFile().toString());
        assertThat(stored.group(3)).isEqualTo(stored.group(1).substring(0, 8));
        return stored.group(1);
    }

    @Test
    void runsShowsEachRunsCostWhenPricesAreConfigured() throws Exception {
        Files.writeString(directory.resolve("detour.yaml"), Files.readString(directory.resolve("detour.yaml"))
                + "pricing: { \"local:qwen2.5:7b\": { input-per-million: 1, output-per-million: 1 } }\n");
        String runId = storedRun("run", "--quiet", "Why do tides happen twice a day?");

        assertThat(detour("runs", "--format", "json")).isZero();
        JsonNode listed = new ObjectMapper().readTree(stdout()).get(0);
        assertThat(listed.get("runId").asText()).isEqualTo(runId);
        BigDecimal dollars = BigDecimal.valueOf(listed.get("tokens").asLong()).movePointLeft(6);
        assertThat(new BigDecimal(listed.get("cost").asText())).isEqualByComparingTo(dollars);

        assertThat(detour("runs")).isZero();
        assertThat(stdout().lines().findFirst().orElseThrow()).contains("TOKENS", "COST", "TIME");
        assertThat(stdout()).contains("$" + dollars.setScale(6, RoundingMode.HALF_UP).toPlainString());

        assertThat(detour("show", runId.substring(0, 8))).isZero();
        assertThat(stdout()).contains("| Tokens | Cost | Time |",
                ", cost $" + dollars.setScale(6, RoundingMode.HALF_UP).toPlainString() + "._");
        assertThat(detour("show", runId.substring(0, 8), "--format", "json")).isZero();
        assertThat(new BigDecimal(new ObjectMapper().readTree(stdout()).get("cost").asText())).isEqualByComparingTo(dollars);
        assertThat(detour("show", runId.substring(0, 8), "--events")).isZero();
        assertThat(stdout().lines().map(StoreCliTest::json).filter(event -> event.get("type").asText().equals("RunCompleted"))
                .findFirst().orElseThrow().get("cost").asText()).isEqualTo(dollars.stripTrailingZeros().toPlainString());
    }

    @Test
    void runsShowsNoCostWithoutPrices() throws Exception {
        storedRun("run", "--quiet", "Why do tides happen twice a day?");

        assertThat(detour("runs", "--format", "json")).isZero();
        assertThat(new ObjectMapper().readTree(stdout()).get(0).has("cost")).isFalse();
        assertThat(detour("runs")).isZero();
        assertThat(stdout()).doesNotContain("COST");
    }

    @Test
    void runStoresItsRunAndSaysItsIdAndRunsListsIt() throws Exception {
        String runId = storedRun("run", "--quiet", "Why do tides happen twice a day?");
        String report = stdout();

        assertThat(detour("runs")).isZero();
        assertThat(stdout()).startsWith("RUN ")
                .contains(runId.substring(0, 8), "completed", "Why do tides happen twice a day?")
                .doesNotContain(runId.substring(9));

        assertThat(detour("runs", "--format", "json")).isZero();
        JsonNode listed = new ObjectMapper().readTree(stdout());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("runId").asText()).isEqualTo(runId);
        assertThat(listed.get(0).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(listed.get(0).get("question").asText()).isEqualTo("Why do tides happen twice a day?");
        assertThat(listed.get(0).get("modelCalls").asInt()).isEqualTo(local.received().size());
        assertThat(listed.get(0).get("tokens").asLong()).isPositive();

        assertThat(detour("show", runId.substring(0, 8))).isZero();
        assertThat(stdout()).as("the stored report is the report the run printed").isEqualTo(report);
        assertThat(stderr()).as("a completed run needs no resume").isEmpty();

        assertThat(detour("show", runId, "--format", "json")).isZero();
        assertThat(new ObjectMapper().readTree(stdout()).get("status").asText()).isEqualTo("COMPLETED");

        assertThat(detour("show", runId.substring(0, 8), "--events")).isZero();
        List<JsonNode> events = stdout().lines().map(StoreCliTest::json).toList();
        assertThat(events).extracting(event -> event.get("sequence").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.get(0).get("type").asText()).isEqualTo("RunStarted");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("RunCompleted");
    }

    @Test
    void aCommandWhoseStandardOutputCannotBeWrittenIsExit1SayingSo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "a Linux /dev/full");
        String runId = storedRun("run", "--quiet", "Why do tides happen twice a day?");

        for (List<String> args : List.of(List.of("runs"), List.of("runs", "--format", "json"), List.of("show", runId),
                List.of("show", runId, "--events"), List.of("models"), List.of("config"), List.of("--version"),
                List.of("completion", "bash"), List.of("help"), List.of("models", "--help"))) {
            assertThat(detourToFullDisk(args)).as("%s", args).isEqualTo(1);
            assertThat(stderr()).as("%s", args).endsWith("detour: could not write to standard output (it is closed, or"
                    + " its disk is full); what it shows is incomplete\n");
        }
        assertThat(detourToFullDisk(List.of("run", "--quiet", "Why?"))).isEqualTo(1);
        assertThat(stderr()).as("the run says it once, in its own words")
                .contains("could not write the report to standard output").doesNotContain("what it shows is incomplete");
    }

    private int detourToFullDisk(List<String> args) {
        err = new ByteArrayOutputStream();
        try (PrintStream full = new PrintStream(new FileOutputStream("/dev/full"), true, StandardCharsets.UTF_8)) {
            CliContext context = new CliContext(full, new PrintStream(err, true, StandardCharsets.UTF_8),
                    Environment.of(environment), directory, false);
            return Main.run(context, args.toArray(String[]::new));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void resumeRefusesACompletedRunWithOneLine() {
        String runId = storedRun("run", "--quiet", "Why?");
        int requests = local.received().size();

        int exit = detour("resume", runId.substring(0, 8));

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("detour resume: run " + runId + " completed; there is nothing to resume"
                + " (detour show " + runId.substring(0, 8) + " prints its report)\n");
        assertThat(local.received()).hasSize(requests);
    }

    @Test
    void aRunWhoseBudgetRanOutResumesWithALargerBudgetAskingNothingAgainThatItHad() {
        String runId = storedRun("run", "--quiet", "--token-budget", "30", "Why do tides happen?");
        assertThat(stderr()).contains("or continue this run with: detour resume " + runId.substring(0, 8) + " --token-budget N");
        List<String> firstSession = local.received().stream().map(FakeProvider.Received::body).toList();
        assertThat(detour("runs", "--status", "budget-exhausted")).isZero();
        assertThat(stdout()).contains(runId.substring(0, 8), "budget exhausted");

        int exit = detour("resume", runId.substring(0, 8), "--token-budget", "50000", "--quiet");

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).contains("## Answer").doesNotContain("Incomplete");
        List<String> secondSession = local.received().stream().map(FakeProvider.Received::body).skip(firstSession.size()).toList();
        assertThat(secondSession).as("the plan and the answers given before are not asked again")
                .noneMatch(body -> body.contains("You plan research"))
                .hasSizeLessThan(firstSession.size() + 4);
        assertThat(detour("runs", "--status", "completed")).isZero();
        assertThat(stdout()).contains(runId.substring(0, 8));
    }

    @Test
    void aRunTheCostBudgetStoppedResumesWithALargerCostBudget() throws IOException {
        // Answers at $1 per million tokens, prompts free: the plan's worst case is its output cap, 50000 tokens, $0.05.
        Files.writeString(directory.resolve("detour.yaml"), Files.readString(directory.resolve("detour.yaml"))
                + "pricing: { \"local:qwen2.5:7b\": { input-per-million: 0, output-per-million: 1 } }\n");
        String runId = storedRun("run", "--quiet", "--cost-budget", "0.01", "Why do tides happen?");
        assertThat(stderr()).contains("cost budget exhausted", "raise --cost-budget",
                "or continue this run with: detour resume " + runId.substring(0, 8) + " --cost-budget DOLLARS");
        assertThat(local.received()).isEmpty();

        int exit = detour("resume", runId.substring(0, 8), "--cost-budget", "1", "--quiet");

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).contains("## Answer").doesNotContain("Incomplete");
        assertThat(local.received()).isNotEmpty();
    }

    @Test
    void aRunStoppedAfterAPaidStepAndResumedCostsWhatTheSameRunCostsUninterrupted() throws IOException {
        // Every answer is 12 prompt and 8 answer tokens: at $1 and $2 per million, $0.000028 a call.
        Files.writeString(directory.resolve("detour.yaml"), Files.readString(directory.resolve("detour.yaml"))
                + "pricing: { \"local:qwen2.5:7b\": { input-per-million: 1, output-per-million: 2 } }\n");
        assertThat(detour("run", "--format", "json", "--events", "whole.jsonl", "Why do tides happen?")).as(stderr()).isZero();
        JsonNode whole = new ObjectMapper().readTree(stdout());
        int calls = local.received().size();
        BigDecimal expected = new BigDecimal("0.000028").multiply(BigDecimal.valueOf(calls));
        assertThat(whole.at("/tokens/total").asLong()).isEqualTo(20L * calls);
        assertThat(new BigDecimal(whole.get("cost").asText())).isEqualByComparingTo(expected);
        assertThat(lastEvent(directory.resolve("whole.jsonl")).get("cost").asText()).isEqualTo(plain(expected));

        String runId = storedRun("run", "--quiet", "--token-budget", "30", "--events", "first.jsonl", "Why do tides happen?");
        assertThat(local.received().size() - calls).as("the plan was paid for before the budget ran out")
                .isPositive().isLessThan(calls);
        int exit = detour("resume", runId.substring(0, 8), "--token-budget", "50000", "--format", "json", "--events",
                "resumed.jsonl");

        assertThat(exit).as(stderr()).isZero();
        JsonNode resumed = new ObjectMapper().readTree(stdout());
        assertThat(local.received()).as("the resumed run asked nothing twice").hasSize(2 * calls);
        assertThat(resumed.at("/tokens/total").asLong()).isEqualTo(20L * calls);
        assertThat(resumed.get("cost").asText()).isEqualTo(plain(expected));
        JsonNode ended = lastEvent(directory.resolve("resumed.jsonl"));
        assertThat(ended.get("type").asText()).isEqualTo("RunCompleted");
        assertThat(ended.at("/tokens/total").asLong()).isEqualTo(20L * calls);
        assertThat(ended.get("cost").asText()).as("the run's end event prices the whole run, as its tokens count it")
                .isEqualTo(plain(expected));
        assertThat(detour("show", runId.substring(0, 8), "--events")).isZero();
        assertThat(json(stdout().lines().reduce((first, second) -> second).orElseThrow()).get("cost").asText())
                .isEqualTo(plain(expected));
        assertThat(detour("show", runId.substring(0, 8))).isZero();
        assertThat(stdout()).contains(", cost $" + expected.setScale(6, RoundingMode.HALF_UP).toPlainString() + "._");
        assertThat(detour("runs", "--format", "json")).isZero();
        for (JsonNode listed : new ObjectMapper().readTree(stdout())) {
            assertThat(listed.get("cost").asText()).as(listed.get("runId").asText()).isEqualTo(plain(expected));
        }
    }

    private JsonNode lastEvent(Path events) throws IOException {
        return json(Files.readAllLines(events).getLast());
    }

    private static String plain(BigDecimal dollars) {
        return dollars.stripTrailingZeros().toPlainString();
    }

    @Test
    void aPrefixOfSeveralRunsOrOfNoneIsAClearError() {
        try (SqliteRunStore store = SqliteRunStore.open(storeFile(), new JsonValueCodec())) {
            WorkflowEngine engine = new WorkflowEngine(ScriptedModelPort.answering("test", "model"), Clock.systemUTC(), store);
            Workflow<String, String> echo = Workflow.step("echo", (String input, dev.detour.core.workflow.StepContext context) -> input);
            engine.run(echo, "one", RunOptions.defaults().withRunId("abcd1111-0000-0000-0000-000000000000"));
            engine.run(echo, "two", RunOptions.defaults().withRunId("abcd2222-0000-0000-0000-000000000000"));
        }

        assertThat(detour("show", "abcd")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("detour show: abcd is the start of several run ids"
                + " (abcd2222-0000-0000-0000-000000000000, abcd1111-0000-0000-0000-000000000000); give more of the id\n");
        assertThat(detour("show", "ffff")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("detour show: no stored run has an id starting with ffff in " + storeFile()
                + "; detour runs lists the stored runs\n");
        assertThat(detour("show", "abcd2222", "--events")).isZero();
        assertThat(stdout()).contains("\"runId\":\"abcd2222-0000-0000-0000-000000000000\"");
        assertThat(detour("show", "abcd2222")).as("not a research run").isEqualTo(2);
        assertThat(stderr()).contains("ran the workflow \"echo\", not a research run");
    }

    @Test
    void aCorruptStoreFileExits2NamingItBeforeAnyModelIsCalled() throws IOException {
        Files.createDirectories(home());
        Files.writeString(storeFile(), "not a database at all\n".repeat(100));

        int exit = detour("run", "--quiet", "Why?");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("detour: " + storeFile() + " is not a readable Detour run store (")
                .contains("move it aside (such as mv " + storeFile());
        assertThat(local.received()).isEmpty();
        assertThat(detour("runs")).isEqualTo(2);
        assertThat(stderr()).contains(storeFile() + " is not a readable Detour run store");
    }

    @Test
    void aStoreThatCannotBeOpenedIsAWarningAndTheReportIsStillPrinted() throws IOException {
        Files.writeString(home(), "a file where the home directory should be");

        int exit = detour("run", "--quiet", "Why?");

        assertThat(exit).isZero();
        assertThat(stdout()).startsWith("# Why?").contains("## Answer");
        assertThat(stderr()).startsWith("detour: this run is not stored, so it cannot be resumed: could not create"
                + " the directory of the run store " + storeFile());
        assertThat(detour("runs")).isEqualTo(2);
        assertThat(stderr()).contains("could not create the directory of the run store " + storeFile());
    }

    @Test
    void noStoreAndStoreNoneKeepNothing() throws IOException {
        assertThat(detour("run", "--quiet", "--no-store", "Why?")).isZero();
        assertThat(stderr()).doesNotContain("is stored in");
        assertThat(storeFile()).doesNotExist();

        Files.writeString(directory.resolve("detour.yaml"), "store: none\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(detour("run", "--quiet", "Why?")).isZero();
        assertThat(storeFile()).doesNotExist();
        assertThat(detour("runs")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("detour: runs are not stored (store: none in the configuration, or no home"
                + " directory); set store.path, or DETOUR_HOME, to where they are\n");
    }

    @Test
    void theConfiguredPathIsWhereRunsGoAndPruneDeletesOldOnes() throws IOException {
        Path elsewhere = directory.resolve("elsewhere/runs.db");
        Files.writeString(directory.resolve("detour.yaml"), "store: { path: elsewhere/runs.db, retention: 30d }\n",
                java.nio.file.StandardOpenOption.APPEND);
        String runId = storedRunAt(elsewhere, "run", "--quiet", "Why?");

        assertThat(detour("runs", "prune")).isZero();
        assertThat(stdout()).startsWith("Deleted 0 runs that started before ").endsWith(" from " + elsewhere + ".\n");
        assertThat(detour("runs", "prune", "--older-than", "1ms")).isZero();
        assertThat(stdout()).startsWith("Deleted 1 run that started before ");
        assertThat(detour("runs")).isZero();
        assertThat(stdout()).isEqualTo("No stored runs in " + elsewhere + ".\n");
        assertThat(detour("show", runId)).isEqualTo(2);
        assertThat(detour("runs", "prune", "--older-than", "soon")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("detour runs prune: --older-than \"soon\" is not a duration (use a number with a unit:"
                + " 30d, 12h, 90m)\n");
        assertThat(detour("runs", "--status", "lost")).isEqualTo(2);
        assertThat(stderr()).contains("--status lost is not a status; use unfinished, completed, failed, cancelled or budget-exhausted");
    }

    private String storedRunAt(Path file, String... args) {
        detour(args);
        Matcher stored = STORED.matcher(stderr());
        assertThat(stored.find()).as(stderr()).isTrue();
        assertThat(stored.group(2)).isEqualTo(file.toString());
        return stored.group(1);
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
