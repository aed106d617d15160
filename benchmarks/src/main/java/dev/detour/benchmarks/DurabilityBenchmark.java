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
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The price of durability: the same research-shaped runs (four sequential model calls, 200 ms simulated
 * latency each) all at once on the embedded engine, then on Temporal's Java test server (in memory, in a
 * JVM of its own) with one Detour worker in this JVM, each after a warm-up round of the same size. Wall time
 * and the CPU of each process.
 */
final class DurabilityBenchmark {

    private DurabilityBenchmark() {}

    static String run(boolean quick) throws Exception {
        int runs = quick ? 100 : 1_000;
        Workflow<String, String> researchShaped = Workflow.step("plan", ask())
                .then("investigate", ask()).then("judge", ask()).then("synthesize", ask()).named("research-shaped");
        StringBuilder table = new StringBuilder()
                .append("| engine | runs at once | model calls | wall time | completed | Detour CPU (this JVM) | Temporal server CPU"
                        + " | simulator CPU |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        try (SimulatorChild simulator = SimulatorChild.start("slow-200ms");
                TemporalServerChild temporal = TemporalServerChild.start();
                Detours detour = Detours.over(simulator, List.of(SimulatorProcess.OPENAI), Math.max(64, runs),
                        Duration.ofSeconds(30))) {
            WorkflowEngine engine = detour.get(WorkflowEngine.class);
            measure(runs, () -> embedded(engine, researchShaped, runs), simulator, temporal);
            table.append(measure(runs, () -> embedded(engine, researchShaped, runs), simulator, temporal)
                    .row("embedded (in this JVM)", runs));
            TemporalTarget target = new TemporalTarget(temporal.target(), "default", "bench-" + UUID.randomUUID());
            try (TemporalWorker worker = TemporalWorker.start(target, detour.get(ModelPort.class),
                            WorkflowCatalog.empty().with(researchShaped), List.of());
                    TemporalRuns client = TemporalRuns.connect(target)) {
                measure(runs, () -> onTemporal(client, researchShaped, runs), simulator, temporal);
                table.append(measure(runs, () -> onTemporal(client, researchShaped, runs), simulator, temporal)
                        .row("Temporal (test server, one worker)", runs));
            }
        }
        return table.toString();
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

    private static Measured measure(int runs, Callable<Integer> work, SimulatorChild simulator, TemporalServerChild temporal)
            throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        long ownCpuBefore = os.getProcessCpuTime();
        Duration simulatorBefore = simulator.cpu();
        Duration temporalBefore = temporal.cpu();
        long start = System.nanoTime();
        int completed = work.call();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Measured(completed, wall, Duration.ofNanos(os.getProcessCpuTime() - ownCpuBefore),
                temporal.cpu().minus(temporalBefore), simulator.cpu().minus(simulatorBefore));
    }

    private record Measured(int completed, Duration wall, Duration detourCpu, Duration temporalCpu, Duration simulatorCpu) {

        String row(String engine, int runs) {
            return Bench.row(engine, Bench.count(runs), Bench.count(runs * 4L), seconds(wall), completed + " / " + runs,
                    seconds(detourCpu), seconds(temporalCpu), seconds(simulatorCpu));
        }

        private static String seconds(Duration duration) {
            return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
    }

    private static Step<String, String> ask() {
        return (input, context) -> context.call(ChatRequest.of(ChatMessage.user(input))).text();
    }
}
