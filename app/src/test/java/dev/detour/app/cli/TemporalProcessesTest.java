package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.engine.temporal.TemporalRun;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalTarget;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.RecordedRequest;
import dev.detour.simulator.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detour on Temporal across processes on loopback: Temporal's test server in a JVM of its own (its
 * {@code TestServer} main, serving gRPC on a port), {@code detour worker} in others, and the run started
 * either by {@code detour run --engine temporal} in another JVM or from this one.
 */
class TemporalProcessesTest {

    private static final String QUESTION = "Why do tides happen twice a day?";

    @TempDir
    static Path directory;

    private static int temporalPort;
    private static ChildJvm temporal;

    @BeforeAll
    static void startTemporalTestServer() throws InterruptedException {
        temporalPort = ChildJvm.freePort();
        temporal = ChildJvm.start(directory, "temporal", "io.temporal.testserver.TestServer", String.valueOf(temporalPort));
        ChildJvm.awaitListening(temporalPort, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopTemporalTestServer() throws InterruptedException {
        temporal.close();
    }

    @Test
    void detourRunWithEngineTemporalCompletesOnADetourWorkerInAnotherProcess() throws Exception {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            Path config = config(simulator, "cli-" + UUID.randomUUID());
            try (ChildJvm worker = ChildJvm.start(directory, "worker", Main.class.getName(), "worker", "--config", config.toString())) {
                ChildJvm run = ChildJvm.start(directory, "run", Main.class.getName(),
                        "run", "--engine", "temporal", "--config", config.toString(), "--quiet", QUESTION);

                assertThat(run.awaitExit(Duration.ofSeconds(180))).as(run.err()).isZero();
                assertThat(run.out()).startsWith("# " + QUESTION).contains("## Findings", "## Provenance")
                        .contains("fell back from `hf:Qwen/Qwen2.5-72B-Instruct` (HTTP 500 from novita");
                assertThat(worker.err()).contains("detour worker: polling task queue").contains("completed (");
            }
        }
    }

    /**
     * A worker that makes model calls is killed with a call in flight; another takes the call over. The runs
     * are interpreted by a worker of their own: Temporal's Java test server never moves a run away from the
     * dead worker that cached it (it has no sticky-queue timeout, which the Temporal server has: 5 s), so a
     * worker that holds the run may not be the one that dies here.
     */
    @Test
    void aCallWorkerKilledMidCallLeavesTheCallToAnotherWhichSendsNoCompletedCallAgain() throws Exception {
        Scenario fourthCallHangs = Scenario.builder("fourth-call-hangs")
                .model("hf:Qwen/Qwen2.5-72B-Instruct", model -> model.servedBy("novita").sequence(
                        Behaviour.ok(), Behaviour.ok(), Behaviour.ok(), Behaviour.ok().withLatency(Duration.ofMinutes(2)),
                        Behaviour.ok()))
                .build();
        try (ProviderSimulator simulator = ProviderSimulator.start(fourthCallHangs)) {
            String taskQueue = "crash-" + UUID.randomUUID();
            String config = config(simulator, taskQueue).toString();
            ChildJvm callsA = ChildJvm.start(directory, "calls-a", Main.class.getName(), "worker", "--serves", "calls",
                    "--config", config);
            try (ChildJvm runs = ChildJvm.start(directory, "runs", Main.class.getName(), "worker", "--serves", "runs",
                            "--config", config);
                    TemporalRuns client = TemporalRuns.connect(new TemporalTarget("127.0.0.1:" + temporalPort, "default", taskQueue))) {
                TemporalRun<ResearchOutcome> run = client.start(ResearchWorkflow.NAME, QUESTION,
                        Optional.of(ResearchSettings.defaults().withParallelism(1).withMaxIterations(1)), RunOptions.defaults());
                awaitRequests(simulator, 4);
                callsA.kill();

                try (ChildJvm callsB = ChildJvm.start(directory, "calls-b", Main.class.getName(), "worker", "--serves", "calls",
                        "--config", config)) {
                    RunResult<ResearchOutcome> result = run.await(Duration.ofSeconds(180)).orElseThrow(() ->
                            new AssertionError("the run did not complete; worker B's standard error:\n" + callsB.err()));

                    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
                    List<String> bodies = simulator.requests().stream().map(RecordedRequest::body).toList();
                    assertThat(bodies.subList(0, 3)).as("the calls worker A completed").doesNotHaveDuplicates();
                    assertThat(bodies.subList(4, bodies.size()))
                            .as("after the kill: the call that hung on A once more, and no call A completed")
                            .startsWith(bodies.get(3))
                            .doesNotContainAnyElementsOf(bodies.subList(0, 3))
                            .doesNotHaveDuplicates();
                    assertThat(bodies).hasSize(result.record().modelCalls() + 1);
                    assertThat(runs.err()).contains("completed (");
                }
            } finally {
                callsA.close();
            }
        }
    }

    private static void awaitRequests(ProviderSimulator simulator, long count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (simulator.requestCount() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the simulator received " + simulator.requestCount() + " requests, not " + count);
            }
            Thread.sleep(20);
        }
    }

    private static Path config(ProviderSimulator simulator, String taskQueue) throws IOException {
        Path file = directory.resolve(taskQueue + ".yaml");
        Files.writeString(file, """
                evidence: none
                providers:
                  hf: { type: huggingface, base-url: "%s" }
                chain: [ "hf:Qwen/Qwen2.5-72B-Instruct", "hf:Qwen/Qwen2.5-7B-Instruct" ]
                resilience: { backoff: { initial: 10ms, max: 50ms } }
                workflow: { max-iterations: 1, parallelism: 1 }
                temporal: { target: "127.0.0.1:%d", task-queue: "%s" }
                """.formatted(simulator.huggingFaceBaseUrl(), temporalPort, taskQueue), StandardCharsets.UTF_8);
        return file;
    }
}
