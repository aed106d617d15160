package dev.detour.app;

import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderTypes;
import dev.detour.core.internal.Require;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads Detour's configuration the way the {@code detour} command does: {@code file} if given, else
 * {@code DETOUR_CONFIG}, else {@code ./detour.yaml}, else the built-in defaults, validated against the
 * provider types installed on the class path.
 */
public final class Configs {

    private Configs() {}

    /**
     * The configuration for this process from {@code DETOUR_CONFIG}, else {@code ./detour.yaml}, else
     * the built-in defaults, with the provider types found on the class path.
     */
    public static DetourConfig load() {
        return loader(Environment.system(), Path.of("").toAbsolutePath()).load(Optional.empty());
    }

    /** The configuration for this process from {@code file}, with the provider types found on the class path. */
    public static DetourConfig load(Path file) {
        Require.nonNull(file, "file");
        return loader(Environment.system(), Path.of("").toAbsolutePath()).load(Optional.of(file));
    }

    /**
     * A loader for the provider types {@link ProviderTypes#installed() installed} on the class path.
     *
     * @throws IllegalStateException if no type is installed, one cannot be loaded, or two share a name
     * @throws IllegalArgumentException if an installed type declares an option it may not have
     */
    public static ConfigLoader loader(Environment environment, Path workingDirectory) {
        Require.nonNull(environment, "environment");
        Require.nonNull(workingDirectory, "workingDirectory");
        return new ConfigLoader(ProviderTypes.installed(), environment, workingDirectory);
    }
}
