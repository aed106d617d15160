package dev.detour.app.config;

import dev.detour.core.internal.Require;

/**
 * Where {@code detour worker} and {@code --engine temporal} find Temporal.
 *
 * @param target the Temporal frontend, {@code host:port}
 * @param namespace the Temporal namespace
 * @param taskQueue the task queue Detour's workers poll
 */
public record TemporalConfig(String target, String namespace, String taskQueue) {

    public TemporalConfig {
        Require.nonBlank(target, "target");
        Require.nonBlank(namespace, "namespace");
        Require.nonBlank(taskQueue, "taskQueue");
    }

    /** A local dev server: {@code 127.0.0.1:7233}, namespace {@code default}, task queue {@code detour}. */
    public static TemporalConfig defaults() {
        return new TemporalConfig("127.0.0.1:7233", "default", "detour");
    }
}
