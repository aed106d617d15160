package dev.detour.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What this JVM has spent so far: process CPU (management bean), the JIT's and the collectors' CPU (the CPU
 * time of the JVM's compiler and GC threads, from {@code /proc/self/task} on Linux; -1 elsewhere), and the
 * management beans' own compilation and collection times (elapsed times, which a loaded machine inflates), and
 * the full collections (stop-the-world collections of the whole heap) so far.
 */
record ClientCpu(long processNanos, long jitCpuNanos, long gcCpuNanos, long jitMillis, long gcMillis,
        long fullCollections) {

    /** Linux's USER_HZ: {@code /proc} counts CPU time in these ticks per second. */
    private static final long TICKS_PER_SECOND = 100;

    /** The collectors whose every collection is a full one: G1's "Old Generation", Parallel's and Serial's "MarkSweep". */
    private static final List<String> FULL_COLLECTORS = List.of("Old Generation", "MarkSweep");

    static ClientCpu now() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gc = 0;
        long full = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
            if (FULL_COLLECTORS.stream().anyMatch(collector.getName()::contains)) {
                full += Math.max(0, collector.getCollectionCount());
            }
        }
        var compilation = ManagementFactory.getCompilationMXBean();
        long jit = compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
        long[] threads = jvmThreadCpu();
        return new ClientCpu(os.getProcessCpuTime(), threads[0], threads[1], jit, gc, full);
    }

    ClientCpu since(ClientCpu before) {
        return new ClientCpu(processNanos - before.processNanos, difference(jitCpuNanos, before.jitCpuNanos),
                difference(gcCpuNanos, before.gcCpuNanos), jitMillis - before.jitMillis, gcMillis - before.gcMillis,
                fullCollections - before.fullCollections);
    }

    double processSeconds() {
        return processNanos / 1e9;
    }

    /** CPU of the compiler threads; falls back to the bean's compilation time where {@code /proc} is missing. */
    double jitSeconds() {
        return jitCpuNanos >= 0 ? jitCpuNanos / 1e9 : jitMillis / 1000.0;
    }

    /** CPU of the GC threads; falls back to the beans' collection time where {@code /proc} is missing. */
    double gcSeconds() {
        return gcCpuNanos >= 0 ? gcCpuNanos / 1e9 : gcMillis / 1000.0;
    }

    double jitBeanSeconds() {
        return jitMillis / 1000.0;
    }

    double gcBeanSeconds() {
        return gcMillis / 1000.0;
    }

    /**
     * A difference of CPU totals of live threads: a compiler thread that ended in between takes its time with
     * it, so a negative difference is counted as 0 (the JIT share is then a lower bound).
     */
    private static long difference(long now, long before) {
        return now < 0 || before < 0 ? -1 : Math.max(0, now - before);
    }

    /** CPU of the live compiler threads and GC threads, in ns; -1 each without {@code /proc}. */
    private static long[] jvmThreadCpu() {
        long jit = 0;
        long gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * (1_000_000_000L / TICKS_PER_SECOND);
                if (name.contains("CompilerThre")) {
                    jit += nanos;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc += nanos;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {-1, -1};
        }
        return new long[] {jit, gc};
    }
}
