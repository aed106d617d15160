package dev.detour.benchmarks;

import java.util.Arrays;

/** Latencies of many calls, in nanoseconds, summarised by percentile. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    synchronized void addAll(long[] more, int count) {
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + count));
        }
        System.arraycopy(more, 0, values, size, count);
        size += count;
    }

    synchronized double percentileMillis(double percentile) {
        if (size == 0) {
            throw new IllegalStateException("no latency was recorded");
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))] / 1_000_000.0;
    }

    synchronized int count() {
        return size;
    }
}
