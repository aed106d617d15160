package dev.detour.benchmarks;

import dev.detour.app.store.JsonValueCodec;
import dev.detour.core.model.ModelPort;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.store.sqlite.SqliteRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the run store costs: research runs (plan, three answers in parallel, judge, synthesize; 200 ms per
 * model call) one after another with and without the store, and 1,000 of them at once on one store file.
 */
final class StoreBenchmark {

    /** How long runs took, on the wall clock and in this process's CPU time. */
    private record Timing(double wallSeconds, double cpuSeconds) {}

    private static final ResearchSettings SETTINGS = ResearchSettings.defaults().withMaxIterations(1);

    private StoreBenchmark() {}

    static String run(boolean quick) throws Exception {
        int sequential = quick ? 3 : 15;
        int concurrent = quick ? 100 : 1_000;
        StringBuilder out = new StringBuilder("Load average (1 min) at the start: " + loadAverage() + "\n\n");
        Path directory = Files.createTempDirectory("detour-bench-store");
        try (SimulatorChild simulator = SimulatorChild.start("slow-200ms");
                Detours detour = Detours.over(simulator, List.of(SimulatorProcess.OPENAI), Math.max(64, 4 * concurrent),
                        Duration.ofSeconds(30))) {
            ModelPort models = detour.get(ModelPort.class);
            out.append(sequential(models, directory.resolve("sequential.db"), sequential));
            out.append('\n');
            out.append(concurrent(models, directory, concurrent));
        }
        return out.append("\nLoad average (1 min) at the end: ").append(loadAverage()).append('\n').toString();
    }

    private static String sequential(ModelPort models, Path file, int runs) throws Exception {
        ResearchRunner without = new ResearchRunner(new WorkflowEngine(models, Clock.systemUTC()), SETTINGS);
        long[] withoutNanos = new long[runs];
        long[] withNanos = new long[runs];
        TimedRunStore store = new TimedRunStore(SqliteRunStore.open(file, new JsonValueCodec()));
        try (store) {
            ResearchRunner with = new ResearchRunner(new WorkflowEngine(models, Clock.systemUTC(), store), SETTINGS);
            research(without, "warm-up");
            research(with, "warm-up");
            for (int run = 0; run < runs; run++) {
                withoutNanos[run] = research(without, "question " + run);
                withNanos[run] = research(with, "question " + run);
            }
        }
        double medianWithout = median(withoutNanos);
        double medianWith = median(withNanos);
        return "| runs, one after another | median run without the store | median run with the store | store overhead"
                + " | step writes | median step write | p99 step write | file |\n"
                + "|---|---|---|---|---|---|---|---|\n"
                + Bench.row(runs + " + " + runs, Bench.millis(medianWithout), Bench.millis(medianWith),
                        String.format(Locale.ROOT, "%+.2f %%", 100 * (medianWith - medianWithout) / medianWithout),
                        Bench.count(store.stepWrites().count()), Bench.millis(store.stepWrites().percentileMillis(50)),
                        Bench.millis(store.stepWrites().percentileMillis(99)), Files.size(file) / 1024 + " KiB");
    }

    private static String concurrent(ModelPort models, Path directory, int runs) throws Exception {
        ResearchRunner without = new ResearchRunner(new WorkflowEngine(models, Clock.systemUTC()), SETTINGS);
        try (SqliteRunStore warmUp = SqliteRunStore.open(directory.resolve("warm-up.db"), new JsonValueCodec())) {
            atOnce(without, runs);
            atOnce(new ResearchRunner(new WorkflowEngine(models, Clock.systemUTC(), warmUp), SETTINGS), runs);
        }
        Timing withoutStore = atOnce(without, runs);
        Path file = directory.resolve("concurrent.db");
        TimedRunStore store = new TimedRunStore(SqliteRunStore.open(file, new JsonValueCodec()));
        Timing withStore;
        List<RunSummary> stored;
        long events = 0;
        try (store) {
            withStore = atOnce(new ResearchRunner(new WorkflowEngine(models, Clock.systemUTC(), store), SETTINGS), runs);
            stored = store.list(RunQuery.newest(runs + 10));
            for (RunSummary run : stored) {
                events += store.events(run.runId()).size();
            }
        }
        long completedAndStored = stored.stream().filter(run -> run.status() == RunSummary.Status.COMPLETED).count();
        return "| runs at once, one store file | wall time without the store | wall time with the store | Detour CPU"
                + " without / with | runs stored completed | events stored | step writes | median step write"
                + " | p99 step write | file |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n"
                + Bench.row(Bench.count(runs), String.format(Locale.ROOT, "%.2f s", withoutStore.wallSeconds()),
                        String.format(Locale.ROOT, "%.2f s", withStore.wallSeconds()),
                        String.format(Locale.ROOT, "%.1f s / %.1f s", withoutStore.cpuSeconds(), withStore.cpuSeconds()),
                        completedAndStored + " / " + runs,
                        Bench.count(events), Bench.count(store.stepWrites().count()),
                        Bench.millis(store.stepWrites().percentileMillis(50)),
                        Bench.millis(store.stepWrites().percentileMillis(99)), Files.size(file) / (1024 * 1024) + " MiB");
    }

    /** One run's wall time, in nanoseconds; fails the benchmark if the report is not complete. */
    private static long research(ResearchRunner runner, String question) {
        long start = System.nanoTime();
        ResearchRun run = runner.run(question, RunOptions.defaults());
        long elapsed = System.nanoTime() - start;
        if (!run.report().complete()) {
            throw new IllegalStateException("a benchmark run did not complete: " + run.report().limitations());
        }
        return elapsed;
    }

    /** How long {@code runs} runs started at once take to end; fails the benchmark if one does not complete. */
    private static Timing atOnce(ResearchRunner runner, int runs) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<RunHandle<ResearchOutcome>> handles = new ArrayList<>(runs);
        for (int run = 0; run < runs; run++) {
            handles.add(runner.start("question " + run, SETTINGS, RunOptions.defaults()));
        }
        for (RunHandle<ResearchOutcome> handle : handles) {
            RunResult<ResearchOutcome> result = handle.await();
            if (result.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("a benchmark run ended " + result.status());
            }
        }
        return new Timing((System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpuBefore) / 1e9);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
