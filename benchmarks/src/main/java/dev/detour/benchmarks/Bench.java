package dev.detour.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Runs Detour's benchmarks and prints their figures as Markdown tables, with the machine they ran on.
 * Usage: {@code java -Xmx512m -jar benchmarks/target/detour-bench.jar [overhead|failover|scale|grounded|store|serve|durability|all] [--quick]}.
 * Each benchmark prints the load average before and after it: figures taken under load are marked so by it.
 */
public final class Bench {

    /** What made this invocation's figures invalid (lost runs, server errors), said again at the end. */
    private static final List<String> INVALID = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Bench() {}

    /** Records that a figure is invalid, and why: printed at once and again at the end, and the exit status is 1. */
    static void invalid(String why) {
        INVALID.add(why);
        System.err.println("INVALID: " + why);
    }

    public static void main(String[] args) throws Exception {
        useTheDefaultContextStorage();
        List<String> arguments = Arrays.asList(args);
        boolean quick = arguments.contains("--quick");
        String which = arguments.stream().filter(argument -> !argument.startsWith("--")).findFirst().orElse("all");
        if (!List.of("overhead", "failover", "scale", "grounded", "store", "serve", "durability", "all").contains(which)) {
            System.err.println("usage: detour-bench [overhead|failover|scale|grounded|store|serve|durability|all] [--quick]");
            System.exit(2);
        }
        System.out.println("Machine: " + machine());
        System.out.println("Protocol: variants warmed up together, then measured in " + Rounds.ROUNDS
                + " rounds (scale: " + Integer.getInteger("scale.rounds", 3) + ", durability: "
                + Integer.getInteger("durability.rounds", 3) + ", serve: " + Integer.getInteger("serve.rounds", 3)
                + ") in rotated order (A B C, B C A, …); each figure is the median of the rounds, (lowest–highest)"
                + " after it; a ratio is the median of the rounds' ratios. CPU floor = (client CPU + server CPU) / "
                + Machine.cores() + " cores.");
        if (which.equals("overhead") || which.equals("all")) {
            System.out.println("\n### 1. Overhead of one call through the full chain (simulator answers at once)\n");
            section(() -> OverheadBenchmark.run(quick));
        }
        if (which.equals("failover") || which.equals("all")) {
            System.out.println("\n### 2. Failover steady state (primary always HTTP 500, concurrency 1)\n");
            section(() -> FailoverBenchmark.run(quick));
        }
        if (which.equals("scale") || which.equals("all")) {
            System.out.println("\n### 3. Scale: concurrent research-shaped runs (4 calls each, 200 ms per call)\n");
            section(() -> ScaleBenchmark.run(quick));
        }
        if (which.equals("grounded") || which.equals("all")) {
            System.out.println("\n### 7. Grounded research: 6 sub-questions × 3 sources, 200 ms per search and per model call\n");
            section(() -> GroundedBenchmark.run(quick));
        }
        if (which.equals("store") || which.equals("all")) {
            System.out.println("\n### 4. The run store: research runs (6 model calls, 200 ms each) with and without it\n");
            section(() -> StoreBenchmark.run(quick));
        }
        if (which.equals("serve") || which.equals("all")) {
            System.out.println("\n### 5. detour serve: concurrent runs, each followed by event-stream subscribers (demo simulator)\n");
            section(() -> ServeBenchmark.run(quick));
        }
        if (which.equals("durability") || which.equals("all")) {
            System.out.println("\n### 6. The price of durability: concurrent research-shaped runs, embedded vs Temporal\n");
            section(() -> DurabilityBenchmark.run(quick));
        }
        if (!INVALID.isEmpty()) {
            System.out.println("\n**INVALID: this invocation lost runs or its server failed; its figures do not count:**\n");
            INVALID.forEach(why -> System.out.println("- " + why));
            System.out.flush();
            System.exit(1);
        }
    }

    /**
     * Keeps OpenTelemetry's own thread-local context storage, as an application has it, unless told otherwise: the
     * SDK's testing jar, here for its in-memory exporter, would install its settable storage around every context
     * operation instead.
     */
    private static void useTheDefaultContextStorage() {
        String property = "io.opentelemetry.context.contextStorageProvider";
        System.setProperty(property, System.getProperty(property, "default"));
    }

    /** A benchmark's table between the load average before and after it. */
    @FunctionalInterface
    private interface Section {
        String table() throws Exception;
    }

    private static void section(Section section) throws Exception {
        System.out.print(Machine.loadLine("before"));
        System.out.println();
        String table = section.table();
        System.out.print(table);
        System.out.println();
        System.out.print(Machine.loadLine("after"));
        System.out.flush();
    }

    /** A table's header row with {@code columns}, and the separator row under it. */
    static String header(String... columns) {
        return row((Object[]) columns) + "|" + "---|".repeat(columns.length) + "\n";
    }

    static String row(Object... cells) {
        StringJoiner row = new StringJoiner(" | ", "| ", " |\n");
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        return row.toString();
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, "%.3f ms", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the CPU model stays unknown.
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.availableProcessors() + " cores (" + cpu + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + "), max heap " + runtime.maxMemory() / (1024 * 1024) + " MB";
    }
}
