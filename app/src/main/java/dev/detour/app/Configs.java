package dev.detour.app;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.provider.HuggingFaceProviderModule;
import dev.detour.app.provider.OpenAiProviderModule;
import dev.detour.app.provider.ProviderType;
import dev.detour.core.internal.Require;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads Detour's configuration the way the {@code detour} command does: {@code file} if given, else
 * {@code DETOUR_CONFIG}, else {@code ./detour.yaml}, else the built-in defaults, validated against the
 * provider types the given modules register.
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
     * A loader for the built-in provider types plus those of {@code extraProviderModules}.
     *
     * @throws com.google.inject.CreationException if a module is broken
     */
    public static ConfigLoader loader(Environment environment, Path workingDirectory, Module... extraProviderModules) {
        Require.nonNull(environment, "environment");
        Require.nonNull(workingDirectory, "workingDirectory");
        return new ConfigLoader(optionKeysByType(extraProviderModules), environment, workingDirectory);
    }

    /** Each registered provider type with the option keys it accepts. */
    public static Map<String, Set<String>> optionKeysByType(Module... extraProviderModules) {
        Module[] modules = new Module[extraProviderModules.length + 2];
        modules[0] = new OpenAiProviderModule();
        modules[1] = new HuggingFaceProviderModule();
        System.arraycopy(extraProviderModules, 0, modules, 2, extraProviderModules.length);
        Map<String, ProviderType> types = Guice.createInjector(Arrays.asList(modules))
                .getInstance(Key.get(new TypeLiteral<Map<String, ProviderType>>() {}));
        Map<String, Set<String>> keys = new TreeMap<>();
        types.forEach((name, type) -> keys.put(name, type.optionKeys()));
        return keys;
    }
}
