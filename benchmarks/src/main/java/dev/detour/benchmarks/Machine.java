package dev.detour.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** How loaded the machine is while a benchmark runs: its load average and its cores. */
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

    /** The CPU floor of a case: all CPU it spent (client and simulator) over the cores, in seconds. */
    static double floorSeconds(double cpuSeconds) {
        return cpuSeconds / cores();
    }
}
