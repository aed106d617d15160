package dev.detour.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The heap this JVM's threads have allocated so far (virtual threads count on their carriers), from the
 * HotSpot thread bean: a measure of work per call that a loaded machine does not distort.
 */
final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {}

    /** Bytes allocated by all threads since the JVM started, or 0 where the JVM does not count them. */
    static long total() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled()
                ? THREADS.getTotalThreadAllocatedBytes() : 0;
    }
}
