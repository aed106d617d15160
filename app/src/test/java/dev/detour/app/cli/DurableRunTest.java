package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.detour.app.config.Environment;
import dev.detour.app.store.JsonValueCodec;
import dev.detour.core.research.Inquiry;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.StoredStep;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.RecordedRequest;
import dev.detour.simulator.Scenario;
import dev.detour.store.sqlite.SqliteRunStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@code detour run} against the provider simulator (every answer takes {@link #LATENCY}),
 * in a child JVM stopped by SIGKILL or by Ctrl-C (SIGINT) once some steps are stored, or stopped by its
 * budget; then {@code detour resume} finishes the run, and the simulator's request log shows that no
 * request was sent again for a step that had completed.
 */
class DurableRunTest {

    private static final Duration LATENCY = Duration.ofMillis(150);
    private static final String MODEL = "hf:Qwen/Qwen2.5-7B-Instruct";
    private static final String QUESTION = "Why do tides happen twice a day?";

    @TempDir
    Path directory;

    private ProviderSimulator simulator;
    private Path config;

    @BeforeEach
    void start() throws IOException {
        simulator = ProviderSimulator.start(Scenario.builder("slow")
                .model(MODEL, model -> model.always(Behaviour.ok().withLatency(LATENCY))).build());
        config = directory.resolve("detour.yaml");
        Files.writeString(config, """
                evidence: none
                providers:
                  hf: { type: huggingface, base-url: %s }
                chain: [ "%s" ]
                workflow: { max-iterations: 1, token-budget: 50000, parallelism: 1 }
                """.formatted(simulator.huggingFaceBaseUrl(), MODEL));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private Path storeFile() {
        return directory.resolve("home/detour.db");
    }

    @Test
    void aRunKilledWithSigkillResumesWithoutSendingARequestAgainForAStepThatHadCompleted() throws Exception {
        Process child = detourInChildJvm("run", "--quiet", QUESTION);
        StoredRun atKill = awaitCompletedSteps(2);
        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed, not finished").isNotZero();
        assertThat(storedRun(atKill.runId()).summary().status()).isEqualTo(RunSummary.Status.UNFINISHED);

        Result resumed = detour("resume", atKill.runId().substring(0, 8), "--quiet");

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertCompletedStepsWereNotAskedAgain(atKill);
        assertEveryFindingIsAnswered(resumed.out());
        assertThat(storedRun(atKill.runId()).summary().status()).isEqualTo(RunSummary.Status.COMPLETED);
    }

    @Test
    void aRunStoppedWithCtrlCResumesWithoutSendingARequestAgainForAStepThatHadCompleted() throws Exception {
        assumeFalse(sigintIgnored(), "this JVM ignores SIGINT, as a background job of a shell without job control"
                + " does, and its child inherits that, so Ctrl-C cannot stop it; run the tests in the foreground");
        Process child = detourInChildJvm("run", "--quiet", QUESTION);
        StoredRun beforeInterrupt = awaitCompletedSteps(2);
        new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String childErr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(childErr).isEqualTo(130);
        assertThat(childErr).contains("detour: interrupted; the report holds what the run had gathered. Continue it with: detour resume "
                + beforeInterrupt.runId().substring(0, 8));
        StoredRun atInterrupt = storedRun(beforeInterrupt.runId());
        assertThat(atInterrupt.summary().status()).isEqualTo(RunSummary.Status.CANCELLED);

        Result resumed = detour("resume", atInterrupt.runId().substring(0, 8), "--quiet");

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertCompletedStepsWereNotAskedAgain(atInterrupt);
        assertEveryFindingIsAnswered(resumed.out());
    }

    @Test
    void aRunWhoseBudgetRanOutResumesWithALargerBudgetWithoutSendingARequestAgainForAStepThatHadCompleted() {
        Result first = detour("run", "--quiet", "--token-budget", "300", QUESTION);
        assertThat(first.exit()).as("an incomplete report").isEqualTo(1);
        assertThat(first.out()).contains("> **Incomplete.**");
        StoredRun exhausted;
        try (SqliteRunStore store = SqliteRunStore.open(storeFile(), new JsonValueCodec())) {
            exhausted = store.find(store.list(RunQuery.newest(1)).get(0).runId()).orElseThrow();
        }
        assertThat(exhausted.summary().status()).isEqualTo(RunSummary.Status.BUDGET_EXHAUSTED);
        assertThat(exhausted.steps()).filteredOn(StoredStep::replayable).isNotEmpty();

        Result resumed = detour("resume", exhausted.runId().substring(0, 8), "--token-budget", "50000", "--quiet");

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertCompletedStepsWereNotAskedAgain(exhausted);
        assertEveryFindingIsAnswered(resumed.out());
        assertThat(resumed.out()).doesNotContain("Incomplete");
    }

    /**
     * Whether this JVM ignores SIGINT (Linux's {@code SigIgn} mask, bit 2 for SIGINT): a child JVM inherits that,
     * and a JVM installs no Ctrl-C handler for a signal ignored at its start.
     */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:")).findFirst()
                .map(line -> (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0b10) != 0)
                .orElse(false);
    }

    /** For every step that had completed, exactly one request in the simulator's whole log asked what it asked. */
    private void assertCompletedStepsWereNotAskedAgain(StoredRun before) {
        List<StoredStep> completed = before.steps().stream().filter(StoredStep::replayable).toList();
        assertThat(completed).isNotEmpty();
        List<RecordedRequest> log = simulator.requests();
        for (StoredStep step : completed) {
            assertThat(log).as("requests for %s, which had completed", step.record().path())
                    .filteredOn(asking(step.record())).hasSize(1);
        }
    }

    /** The requests a step sends: its system prompt, and for an answer its sub-question (which later prompts quote too). */
    private static Predicate<RecordedRequest> asking(StepRecord step) {
        String system = switch (step.name()) {
            case "plan" -> "You plan research";
            case "answer" -> "You are a careful researcher";
            case "judge" -> "You review research";
            case "synthesize" -> "You write the answer section";
            default -> throw new AssertionError("unexpected step " + step.path());
        };
        String subject = step.input() instanceof Inquiry inquiry ? "Sub-question: " + inquiry.subQuestion() : "";
        return request -> request.body().contains(system) && request.body().contains(subject);
    }

    private static void assertEveryFindingIsAnswered(String report) {
        assertThat(report).contains("## Answer", "### 1. ", "### 2. ", "### 3. ").doesNotContain("_Unanswered");
    }

    private StoredRun awaitCompletedSteps(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(storeFile())) {
                try (SqliteRunStore store = SqliteRunStore.open(storeFile(), new JsonValueCodec())) {
                    List<RunSummary> runs = store.list(RunQuery.newest(1));
                    if (!runs.isEmpty()) {
                        Optional<StoredRun> run = store.find(runs.get(0).runId());
                        if (run.isPresent() && run.get().steps().stream()
                                .filter(step -> step.record().status() == RunStatus.COMPLETED).count() >= count) {
                            return run.get();
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child run did not store " + count + " completed steps within 60 s");
    }

    private StoredRun storedRun(String runId) {
        try (SqliteRunStore store = SqliteRunStore.open(storeFile(), new JsonValueCodec())) {
            return store.find(runId).orElseThrow();
        }
    }

    private Process detourInChildJvm(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("DETOUR_") || name.endsWith("_TOKEN") || name.endsWith("_KEY"));
        environment.put("DETOUR_HOME", directory.resolve("home").toString());
        return builder.start();
    }

    private record Result(int exit, String out, String err) {}

    private Result detour(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Environment.of(Map.of("DETOUR_HOME", directory.resolve("home").toString())), directory, false);
        int exit = Main.run(context, all.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
