package dev.detour.engine.temporal;

import dev.detour.core.internal.Require;

/**
 * Where Detour's runs live on Temporal: the frontend's address, the namespace and the task queue its
 * workers poll.
 *
 * @param target the Temporal frontend, {@code host:port}, such as {@code 127.0.0.1:7233}
 * @param namespace the Temporal namespace, such as {@code default}
 * @param taskQueue the task queue Detour's workers poll and its runs are started on
 */
public record TemporalTarget(String target, String namespace, String taskQueue) {

    public TemporalTarget {
        Require.nonBlank(target, "target");
        Require.nonBlank(namespace, "namespace");
        Require.nonBlank(taskQueue, "taskQueue");
    }

    /** A local dev server ({@code temporal server start-dev}): {@code 127.0.0.1:7233}, namespace {@code default}, queue {@code detour}. */
    public static TemporalTarget defaults() {
        return new TemporalTarget("127.0.0.1:7233", "default", "detour");
    }
}
