package dev.detour.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The latency protocol of every comparison: each variant is warmed up once, then measured in rounds in
 * which the variants take turns in a rotated order (A B C, B C A, C A B, …), so that no variant always runs
 * after the JIT has compiled more of the others. A figure is the median of the rounds' values, with their spread.
 */
final class Rounds {

    /** How many measured rounds a figure is the median of unless {@code -Dbench.rounds} says otherwise. */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    /** How many warm-up rounds each variant runs before the measured ones unless {@code -Dbench.warmups} says otherwise. */
    static final int WARMUPS = Integer.getInteger("bench.warmups", 1);

    /**
     * One variant of a comparison.
     *
     * @param name how the table names it
     * @param concurrency the virtual threads calling at once
     * @param calls the calls each thread makes per round
     * @param call one call
     * @param counter a count read before and after each of its rounds (such as requests to a dead model); may be null
     */
    record Variant(String name, int concurrency, int calls, Callable<?> call, Counter counter) {

        Variant(String name, int concurrency, int calls, Callable<?> call) {
            this(name, concurrency, calls, call, null);
        }
    }

    /** A count a variant's rounds are measured by, such as the simulator's requests to one model. */
    @FunctionalInterface
    interface Counter {
        long read() throws Exception;
    }

    /**
     * What one variant measured over the rounds.
     *
     * @param calls the calls measured in all rounds
     * @param p50 each round's median latency, ms
     * @param p99 each round's 99th percentile, ms
     * @param cpuPerCall each round's client CPU per call, µs (this whole JVM: callers, I/O, JIT and GC)
     * @param jitPerCall the part of {@code cpuPerCall} the JIT's compiler threads spent, µs: high while the code is
     *     still being compiled, so a round that pays for compiling shows it
     * @param bytesPerCall each round's heap allocation per call, bytes (every thread of this JVM), which unlike
     *     time does not depend on how loaded the machine is
     * @param counted the counter's increase over all measured rounds, or -1 without a counter
     */
    record Measured(int calls, Spread p50, Spread p99, Spread cpuPerCall, Spread jitPerCall, Spread bytesPerCall,
            long counted) {}

    /** One turn of a variant in a round of {@link #rotated}: measures the variant once. */
    @FunctionalInterface
    interface Turn<V, R> {
        R take(V variant) throws Exception;
    }

    private Rounds() {}

    /**
     * The protocol for variants measured a whole round at a time (such as N runs at once): each variant takes
     * one warm-up turn, then {@code rounds} turns in rotated order (A B C, B C A, …). Returns each variant's
     * measured turns, in the order of {@code variants}.
     */
    static <V, R> List<List<R>> rotated(List<V> variants, int rounds, Turn<V, R> turn) throws Exception {
        for (V variant : variants) {
            turn.take(variant);
        }
        List<List<R>> measured = new ArrayList<>();
        variants.forEach(variant -> measured.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int next = 0; next < variants.size(); next++) {
                int index = (round + next) % variants.size();
                measured.get(index).add(turn.take(variants.get(index)));
            }
        }
        return measured;
    }

    static Map<String, Measured> interleaved(List<Variant> variants) throws Exception {
        for (int warmup = 0; warmup < WARMUPS; warmup++) {
            for (Variant variant : variants) {
                Load.run(variant.concurrency(), variant.calls(), variant.call(), null);
            }
        }
        Map<String, List<Double>> p50 = new LinkedHashMap<>();
        Map<String, List<Double>> p99 = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, List<Double>> jit = new LinkedHashMap<>();
        Map<String, List<Double>> bytes = new LinkedHashMap<>();
        Map<String, Integer> calls = new LinkedHashMap<>();
        Map<String, Long> counted = new LinkedHashMap<>();
        for (Variant variant : variants) {
            p50.put(variant.name(), new ArrayList<>());
            p99.put(variant.name(), new ArrayList<>());
            cpu.put(variant.name(), new ArrayList<>());
            jit.put(variant.name(), new ArrayList<>());
            bytes.put(variant.name(), new ArrayList<>());
            calls.put(variant.name(), 0);
            counted.put(variant.name(), variant.counter() == null ? -1L : 0L);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int turn = 0; turn < variants.size(); turn++) {
                Variant variant = variants.get((round + turn) % variants.size());
                Latencies latencies = new Latencies();
                long before = variant.counter() == null ? 0 : variant.counter().read();
                long allocatedBefore = Allocation.total();
                ClientCpu start = ClientCpu.now();
                Load.run(variant.concurrency(), variant.calls(), variant.call(), latencies);
                ClientCpu spent = ClientCpu.now().since(start);
                long allocated = Allocation.total() - allocatedBefore;
                if (variant.counter() != null) {
                    counted.merge(variant.name(), variant.counter().read() - before, Long::sum);
                }
                p50.get(variant.name()).add(latencies.percentileMillis(50));
                p99.get(variant.name()).add(latencies.percentileMillis(99));
                cpu.get(variant.name()).add(spent.processNanos() / 1000.0 / latencies.count());
                jit.get(variant.name()).add(spent.jitSeconds() * 1e6 / latencies.count());
                bytes.get(variant.name()).add((double) allocated / latencies.count());
                calls.merge(variant.name(), latencies.count(), Integer::sum);
            }
        }
        Map<String, Measured> measured = new LinkedHashMap<>();
        for (Variant variant : variants) {
            String name = variant.name();
            measured.put(name, new Measured(calls.get(name), new Spread(p50.get(name)), new Spread(p99.get(name)),
                    new Spread(cpu.get(name)), new Spread(jit.get(name)), new Spread(bytes.get(name)), counted.get(name)));
        }
        return measured;
    }
}
