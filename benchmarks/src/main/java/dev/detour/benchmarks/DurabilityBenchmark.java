package dev.detour.benchmarks;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelPort;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.Step;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.engine.temporal.TemporalRun;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalTarget;
import dev.detour.engine.temporal.TemporalWorker;
import dev.detour.engine.temporal.WorkflowCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The price of durability: the same research-shaped runs (four sequential model calls, 200 ms simulated
 * latency each) all at once on the embedded engine and on Temporal's Java test server (in memory, in a JVM
 * of its own) with one Detour worker in this JVM: a warm-up round of the same size on each, then rotated
 * rounds ({@link Rounds#rotated}). Wall time and the CPU of each process.
 */
final class DurabilityBenchmark {

    private static final String EMBEDDED = "embedded (in this JVM)";
    private static final String TEMPORAL = "Temporal (test server, one worker)";
    private static final int ROUNDS_DEFAULT = 3;

    private DurabilityBenchmark() {}

    static String run(boolean quick) throws Exception {
        int runs = Integer.getInteger("durability.runs", quick ? 100 : 1_000);
        int rounds = Integer.getInteger("durability.rounds", ROUNDS_DEFAULT);
        Workflow<String, String> researchShaped = Workflow.step("plan", ask())
                .then("investigate", ask()).then("judge", ask()).then("synthesize", ask()).named("research-shaped");
        StringBuilder table = new StringBuilder()
                .append(Bench.header("engine", "runs at once (rounds)", "model calls", "wall time", "wall time ÷ embedded",
                        "completed (worst round)", "Detour CPU (this JVM)", "Temporal server CPU", "simulator CPU"));
        try (SimulatorChild simulator = SimulatorChild.start("slow-200ms");
                TemporalServerChild temporal = TemporalServerChild.start();
                Detours detour = Detours.over(simulator, List.of(SimulatorProcess.OPENAI), Math.max(64, runs),
                        Duration.ofSeconds(30))) {
            WorkflowEngine engine = detour.get(WorkflowEngine.class);
            TemporalTarget target = new TemporalTarget(temporal.target(), "default", "bench-" + UUID.randomUUID());
            try (TemporalWorker worker = TemporalWorker.start(target, detour.get(ModelPort.class),
                            WorkflowCatalog.empty().with(researchShaped), List.of());
                    TemporalRuns client = TemporalRuns.connect(target)) {
                List<List<Measured>> measured = Rounds.rotated(List.of(EMBEDDED, TEMPORAL), rounds, name -> measure(name,
                        runs, name.equals(EMBEDDED) ? () -> embedded(engine, researchShaped, runs)
                                : () -> onTemporal(client, researchShaped, runs), simulator, temporal));
                Spread embeddedWall = Spread.of(measured.get(0), Measured::wallSeconds);
                table.append(row(EMBEDDED, runs, rounds, measured.get(0), embeddedWall));
                table.append(row(TEMPORAL, runs, rounds, measured.get(1), embeddedWall));
            }
        }
        return table.toString();
    }

    private static String row(String engine, int runs, int rounds, List<Measured> measured, Spread embeddedWall) {
        Spread wall = Spread.of(measured, Measured::wallSeconds);
        return Bench.row(engine, Bench.count(runs) + " (" + rounds + ")", Bench.count(runs * 4L), wall.showSeconds(),
                wall.over(embeddedWall).showRatio(),
                measured.stream().mapToInt(Measured::completed).min().orElse(0) + " / " + runs,
                Spread.of(measured, Measured::detourCpu).showSeconds(),
                Spread.of(measured, Measured::temporalCpu).showSeconds(),
                Spread.of(measured, Measured::simulatorCpu).showSeconds());
    }

    private static int embedded(WorkflowEngine engine, Workflow<String, String> workflow, int runs) throws Exception {
        List<RunHandle<String>> handles = new ArrayList<>(runs);
        for (int run = 0; run < runs; run++) {
            handles.add(engine.start(workflow, "question " + run, RunOptions.defaults()));
        }
        int completed = 0;
        for (RunHandle<String> handle : handles) {
            completed += handle.await().status() == RunStatus.COMPLETED ? 1 : 0;
        }
        return completed;
    }

    private static int onTemporal(TemporalRuns client, Workflow<String, String> workflow, int runs) throws Exception {
        List<TemporalRun<String>> started = new ArrayList<>(runs);
        for (int run = 0; run < runs; run++) {
            started.add(client.start(workflow.name(), "question " + run, Optional.empty(), RunOptions.defaults()));
        }
        int completed = 0;
        for (TemporalRun<String> run : started) {
            RunResult<String> result = run.await();
            completed += result.status() == RunStatus.COMPLETED ? 1 : 0;
        }
        return completed;
    }

    /** One turn: {@code work} starts the runs and returns how many completed; a lost run makes the invocation invalid. */
    private static Measured measure(String engine, int runs, Callable<Integer> work, SimulatorChild simulator,
            TemporalServerChild temporal) throws Exception {
        System.gc();
        ClientCpu before = ClientCpu.now();
        Duration simulatorBefore = simulator.cpu();
        Duration temporalBefore = temporal.cpu();
        long start = System.nanoTime();
        int completed = work.call();
        double wall = (System.nanoTime() - start) / 1e9;
        if (completed < runs) {
            Bench.invalid("LOST RUNS: durability benchmark, " + engine + ", " + Bench.count(runs) + " runs at once: "
                    + Bench.count(runs - completed) + " did not complete");
        }
        return new Measured(completed, wall, ClientCpu.now().since(before).processSeconds(),
                seconds(temporal.cpu().minus(temporalBefore)), seconds(simulator.cpu().minus(simulatorBefore)));
    }

    /** One turn's figures, in seconds. */
    private record Measured(int completed, double wallSeconds, double detourCpu, double temporalCpu, double simulatorCpu) {}

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Step<String, String> ask() {
        return (input, context) -> context.call(ChatRequest.of(ChatMessage.user(input))).text();
    }
}
