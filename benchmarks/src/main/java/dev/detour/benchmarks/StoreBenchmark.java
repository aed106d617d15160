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
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.store.sqlite.SqliteRunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the run store costs: research runs (plan, three answers in parallel, judge, synthesize; 200 ms per
 * model call) one after another with and without the store, and N of them at once on one store file, each
 * comparison in rotated rounds after a common warm-up ({@link Rounds#rotated}).
 */
final class StoreBenchmark {

    private static final ResearchSettings SETTINGS = ResearchSettings.defaults().withMaxIterations(1);
    private static final List<Boolean> WITHOUT_THEN_WITH = List.of(false, true);

    /** One turn of runs one after another: its median run and the step writes of its store (none without one). */
    private record Sequential(double medianRunMillis, int stepWrites, double stepWriteP50, double stepWriteP99) {}

    /** One turn of runs at once: its times, and what its store file holds afterwards (zero without a store). */
    private record AtOnce(double wallSeconds, double cpuSeconds, long storedCompleted, long events, int stepWrites,
            double stepWriteP50, double stepWriteP99, long fileBytes) {}

    private final ModelPort models;
    private final Path directory;
    private final AtomicInteger questions = new AtomicInteger();

    private StoreBenchmark(ModelPort models, Path directory) {
        this.models = models;
        this.directory = directory;
    }

    static String run(boolean quick) throws Exception {
        int sequential = Integer.getInteger("store.runs", quick ? 1 : 3);
        int concurrent = Integer.getInteger("store.at-once", quick ? 100 : 1_000);
        Path directory = Files.createTempDirectory("detour-bench-store");
        try (SimulatorChild simulator = SimulatorChild.start("slow-200ms");
                Detours detour = Detours.over(simulator, List.of(SimulatorProcess.OPENAI), Math.max(64, 4 * concurrent),
                        Duration.ofSeconds(30))) {
            StoreBenchmark benchmark = new StoreBenchmark(detour.get(ModelPort.class), directory);
            return benchmark.sequential(sequential) + '\n' + benchmark.concurrent(concurrent);
        } finally {
            delete(directory);
        }
    }

    private String sequential(int runs) throws Exception {
        Path file = directory.resolve("sequential.db");
        List<List<Sequential>> turns;
        try (SqliteRunStore store = SqliteRunStore.open(file, new JsonValueCodec())) {
            turns = Rounds.rotated(WITHOUT_THEN_WITH, Rounds.ROUNDS, withStore -> oneAfterAnother(
                    withStore ? new TimedRunStore(store) : null, runs));
        }
        List<Sequential> without = turns.get(0);
        List<Sequential> with = turns.get(1);
        Spread medianWith = Spread.of(with, Sequential::medianRunMillis);
        return Bench.header("runs, one after another (rounds × runs per variant)", "median run without the store",
                "median run with the store", "store overhead", "step writes", "median step write", "p99 step write", "file")
                + Bench.row(Rounds.ROUNDS + " × (" + runs + " + " + runs + ")",
                        Spread.of(without, Sequential::medianRunMillis).showMillis(), medianWith.showMillis(),
                        medianWith.over(Spread.of(without, Sequential::medianRunMillis)).showChange(),
                        Bench.count(with.stream().mapToLong(Sequential::stepWrites).sum()),
                        Spread.of(with, Sequential::stepWriteP50).showMillis(),
                        Spread.of(with, Sequential::stepWriteP99).showMillis(), Files.size(file) / 1024 + " KiB");
    }

    private String concurrent(int runs) throws Exception {
        List<List<AtOnce>> turns = Rounds.rotated(WITHOUT_THEN_WITH, Rounds.ROUNDS, withStore -> atOnce(withStore, runs));
        List<AtOnce> without = turns.get(0);
        List<AtOnce> with = turns.get(1);
        Spread wallWith = Spread.of(with, AtOnce::wallSeconds);
        Spread wallWithout = Spread.of(without, AtOnce::wallSeconds);
        return Bench.header("runs at once, one store file (rounds × runs)", "wall time without the store",
                "wall time with the store", "with ÷ without", "Detour CPU without / with", "runs stored completed (worst round)",
                "events stored", "step writes", "median step write", "p99 step write", "file")
                + Bench.row(Rounds.ROUNDS + " × " + Bench.count(runs), wallWithout.showSeconds(), wallWith.showSeconds(),
                        wallWith.over(wallWithout).showRatio(),
                        String.format(Locale.ROOT, "%.1f s / %.1f s", Spread.of(without, AtOnce::cpuSeconds).median(),
                                Spread.of(with, AtOnce::cpuSeconds).median()),
                        with.stream().mapToLong(AtOnce::storedCompleted).min().orElse(0) + " / " + runs,
                        Bench.count((long) Spread.of(with, AtOnce::events).median()),
                        Bench.count((long) Spread.of(with, AtOnce::stepWrites).median()),
                        Spread.of(with, AtOnce::stepWriteP50).showMillis(),
                        Spread.of(with, AtOnce::stepWriteP99).showMillis(),
                        (long) Spread.of(with, AtOnce::fileBytes).median() / (1024 * 1024) + " MiB");
    }

    /** A turn of {@code runs} runs one after another, on {@code store} or, if it is null, on none. */
    private Sequential oneAfterAnother(TimedRunStore store, int runs) {
        ResearchRunner runner = runner(store == null ? RunStore.none() : store);
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            ResearchRun result = runner.run("question " + questions.incrementAndGet(), RunOptions.defaults());
            millis.add((System.nanoTime() - start) / 1e6);
            if (!result.report().complete()) {
                Bench.invalid("LOST RUN: store benchmark, a run one after another " + (store == null ? "without" : "with")
                        + " the store did not complete: " + result.report().limitations());
            }
        }
        double median = new Spread(millis).median();
        if (store == null || store.stepWrites().count() == 0) {
            return new Sequential(median, 0, 0, 0);
        }
        return new Sequential(median, store.stepWrites().count(), store.stepWrites().percentileMillis(50),
                store.stepWrites().percentileMillis(99));
    }

    /**
     * A turn of {@code runs} runs started at once, with a store file of its own or without one. A run that does
     * not complete, or that the store does not hold as completed, makes the invocation invalid.
     */
    private AtOnce atOnce(boolean withStore, int runs) throws Exception {
        if (!withStore) {
            ClientCpu before = ClientCpu.now();
            long start = System.nanoTime();
            awaitAll(runner(RunStore.none()), runs, "without");
            return new AtOnce((System.nanoTime() - start) / 1e9, ClientCpu.now().since(before).processSeconds(),
                    0, 0, 0, 0, 0, 0);
        }
        Path file = directory.resolve("at-once-" + questions.incrementAndGet() + ".db");
        TimedRunStore store = new TimedRunStore(SqliteRunStore.open(file, new JsonValueCodec()));
        double wall;
        double cpu;
        long storedCompleted;
        long events = 0;
        try (store) {
            ClientCpu before = ClientCpu.now();
            long start = System.nanoTime();
            awaitAll(runner(store), runs, "with");
            wall = (System.nanoTime() - start) / 1e9;
            cpu = ClientCpu.now().since(before).processSeconds();
            List<RunSummary> stored = store.list(RunQuery.newest(runs + 10));
            storedCompleted = stored.stream().filter(run -> run.status() == RunSummary.Status.COMPLETED).count();
            for (RunSummary run : stored) {
                events += store.events(run.runId()).size();
            }
        }
        if (storedCompleted < runs) {
            Bench.invalid("NOT STORED: store benchmark, runs at once with the store: " + storedCompleted + " of "
                    + Bench.count(runs) + " runs are in the store as completed");
        }
        long bytes = Files.size(file);
        delete(directory, file.getFileName().toString());
        int writes = store.stepWrites().count();
        return new AtOnce(wall, cpu, storedCompleted, events, writes,
                writes == 0 ? 0 : store.stepWrites().percentileMillis(50),
                writes == 0 ? 0 : store.stepWrites().percentileMillis(99), bytes);
    }

    private void awaitAll(ResearchRunner runner, int runs, String withOrWithout) throws InterruptedException {
        List<RunHandle<ResearchOutcome>> handles = new ArrayList<>(runs);
        for (int run = 0; run < runs; run++) {
            handles.add(runner.start("question " + questions.incrementAndGet(), SETTINGS, RunOptions.defaults()));
        }
        int lost = 0;
        RunStatus first = null;
        for (RunHandle<ResearchOutcome> handle : handles) {
            RunStatus status = handle.await().status();
            if (status != RunStatus.COMPLETED) {
                lost++;
                first = first == null ? status : first;
            }
        }
        if (lost > 0) {
            Bench.invalid("LOST RUNS: store benchmark, " + Bench.count(runs) + " runs at once " + withOrWithout
                    + " the store: " + Bench.count(lost) + " did not complete (the first ended " + first + ")");
        }
    }

    private ResearchRunner runner(RunStore store) {
        return new ResearchRunner(new WorkflowEngine(models, Clock.systemUTC(), store), SETTINGS);
    }

    /** Deletes the store files in {@code directory} whose names begin with {@code prefix} (the file, its WAL, its index). */
    private static void delete(Path directory, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
