package dev.detour.benchmarks;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** How loaded the machine is while a benchmark runs: its load average, its cores, and open files. */
final class Machine {

    private Machine() {}

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1, 5 and 15 minute load averages as {@code uptime} prints them, or "unknown" off Linux. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A line saying the load now, on how many cores, to print before and after each benchmark. */
    static String loadLine(String when) {
        return String.format(Locale.ROOT, "_load average %s: %s on %d cores_%n", when, load(), cores());
    }

    /** Files the process {@code pid} has open, or -1 where {@code /proc} is missing or unreadable. */
    static long openFiles(long pid) {
        try (Stream<Path> files = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return files.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This process's limit on open files ({@code ulimit -n}, which its children inherit), or -1 if unknown. */
    static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** The CPU floor of a case: all CPU it spent (client and simulator) over the cores, in seconds. */
    static double floorSeconds(double cpuSeconds) {
        return cpuSeconds / cores();
    }
}
