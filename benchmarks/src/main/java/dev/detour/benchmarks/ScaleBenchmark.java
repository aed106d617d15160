package dev.detour.benchmarks;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.Step;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N research-shaped runs at once (four sequential model calls each, 200 ms simulated latency): wall time
 * against the ideal of 4 × 200 ms, peak heap and peak platform threads of this JVM.
 */
final class ScaleBenchmark {

    private static final Duration IDEAL = Duration.ofMillis(800);

    private ScaleBenchmark() {}

    static String run(boolean quick) throws Exception {
        int[] sizes = quick ? new int[] {10, 100} : new int[] {100, 1_000, 10_000};
        StringBuilder table = new StringBuilder()
                .append("| runs at once | model calls | wall time | vs ideal (0.8 s) | peak heap used | peak platform threads"
                        + " | completed | Detour CPU | simulator CPU |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        Workflow<String, String> researchShaped = Workflow.step("plan", ask())
                .then("investigate", ask()).then("judge", ask()).then("synthesize", ask()).named("research-shaped");
        try (SimulatorChild simulator = SimulatorChild.start("slow-200ms")) {
            for (int runs : sizes) {
                try (Detours detour = Detours.over(simulator, List.of(SimulatorProcess.OPENAI),
                        Integer.getInteger("detour.bench.maxConcurrentCalls", Math.max(64, runs)),
                        Duration.ofSeconds(30))) {
                    WorkflowEngine engine = detour.get(WorkflowEngine.class);
                    warmUp(engine, researchShaped, Math.min(runs, 1_000));
                    table.append(measure(engine, researchShaped, runs, simulator));
                }
            }
        }
        return table.toString();
    }

    private static String measure(WorkflowEngine engine, Workflow<String, String> workflow, int runs,
            SimulatorChild simulator) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.gc();
        threads.resetPeakThreadCount();
        AtomicLong peakHeap = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long ownCpuBefore = os.getProcessCpuTime();
        Duration simulatorCpuBefore = simulator.cpu();
        long start = System.nanoTime();
        List<RunHandle<String>> handles = new ArrayList<>(runs);
        for (int run = 0; run < runs; run++) {
            handles.add(engine.start(workflow, "question " + run, RunOptions.defaults()));
        }
        int completed = 0;
        String firstFailure = null;
        for (RunHandle<String> handle : handles) {
            RunResult<String> result = handle.await();
            if (result.status() == RunStatus.COMPLETED) {
                completed++;
            } else if (firstFailure == null) {
                firstFailure = result instanceof RunResult.Failed<String> failed
                        ? failed.failure().getMessage() : result.status().name();
            }
        }
        if (firstFailure != null) {
            System.err.println("scale benchmark, " + runs + " runs: " + (runs - completed)
                    + " did not complete; the first: " + firstFailure);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        double ownCpu = (os.getProcessCpuTime() - ownCpuBefore) / 1e9;
        double simulatorCpu = simulator.cpu().minus(simulatorCpuBefore).toMillis() / 1000.0;
        sampler.interrupt();
        sampler.join();
        return Bench.row(Bench.count(runs), Bench.count(runs * 4L), String.format("%.2f s", wall.toMillis() / 1000.0),
                Bench.ratio((double) wall.toNanos() / IDEAL.toNanos()),
                (peakHeap.get() / (1024 * 1024)) + " MB", threads.getPeakThreadCount(), completed + " / " + runs,
                String.format("%.1f s", ownCpu), String.format("%.1f s", simulatorCpu));
    }

    private static void warmUp(WorkflowEngine engine, Workflow<String, String> workflow, int runs) throws Exception {
        List<RunHandle<String>> handles = new ArrayList<>(runs);
        for (int run = 0; run < runs; run++) {
            handles.add(engine.start(workflow, "warm-up " + run, RunOptions.defaults()));
        }
        for (RunHandle<String> handle : handles) {
            handle.await();
        }
    }

    private static Step<String, String> ask() {
        return (input, context) -> context.call(ChatRequest.of(ChatMessage.user(input))).text();
    }
}
