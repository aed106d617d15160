package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where runs are stored, and for how long: {@code store: { path: …, retention: 30d }}, or {@code store: none}.
 * Without the key, runs go to {@code $DETOUR_HOME/detour.db}, {@code DETOUR_HOME} defaulting to
 * {@code ~/.detour}; with no home directory known at all, they are not stored.
 *
 * @param file the store's file; empty when runs are not stored
 * @param retention how long runs are kept; older ones are deleted when the store is opened. Empty keeps
 *     them until {@code detour runs prune}
 */
public record StoreConfig(Optional<Path> file, Optional<Duration> retention) {

    /** The variable naming Detour's home directory, where the store lives by default. */
    public static final String HOME_VARIABLE = "DETOUR_HOME";

    /** The store's file name in Detour's home directory. */
    public static final String FILE_NAME = "detour.db";

    public StoreConfig {
        Require.nonNull(file, "file");
        Require.nonNull(retention, "retention");
        retention.ifPresent(value -> Require.positive(value, "retention"));
    }

    /** Runs are not stored. */
    public static StoreConfig none() {
        return new StoreConfig(Optional.empty(), Optional.empty());
    }

    /** Runs go to {@code file} and are kept until pruned. */
    public static StoreConfig at(Path file) {
        return new StoreConfig(Optional.of(Require.nonNull(file, "file")), Optional.empty());
    }

    /** Whether runs are stored. */
    public boolean enabled() {
        return file.isPresent();
    }

    /**
     * An age such as {@code 30d}, {@code 12h} or {@code 90m}, as {@code retention} and {@code --older-than} take it.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text} and what to write
     */
    public static Duration age(String text) {
        Require.nonNull(text, "text");
        try {
            return Durations.parseAge(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + StoreReader.AGE_HINT + ")", e);
        }
    }
}
