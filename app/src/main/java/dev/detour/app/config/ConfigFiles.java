package dev.detour.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the configuration file: {@code --config FILE}, else {@code DETOUR_CONFIG}, else {@code ./detour.yaml}
 * if present, else none (the built-in defaults). A file that is named but missing is a problem, never a
 * silent fallback.
 */
final class ConfigFiles {

    private final Environment environment;
    private final Path workingDirectory;

    ConfigFiles(Environment environment, Path workingDirectory) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /** The file {@code --config} or else {@code DETOUR_CONFIG} names, as named, whether or not it exists. */
    Optional<Path> named(Optional<Path> explicitFile) {
        return explicitFile.or(() -> environment.variable(ConfigLoader.CONFIG_VARIABLE).map(value -> Path.of(value.strip())));
    }

    Optional<Path> locate(Optional<Path> explicitFile, Problems problems) {
        if (explicitFile.isPresent()) {
            return named(explicitFile.get(), "--config",
                    "leave out --config to use " + ConfigLoader.CONFIG_VARIABLE + ", ./" + ConfigLoader.FILE_NAME
                            + " or the built-in defaults", problems);
        }
        Optional<String> fromEnvironment = environment.variable(ConfigLoader.CONFIG_VARIABLE);
        if (fromEnvironment.isPresent()) {
            return named(Path.of(fromEnvironment.get().strip()), ConfigLoader.CONFIG_VARIABLE,
                    "unset " + ConfigLoader.CONFIG_VARIABLE + " to use ./" + ConfigLoader.FILE_NAME
                            + " or the built-in defaults", problems);
        }
        Path local = workingDirectory.resolve(ConfigLoader.FILE_NAME);
        if (Files.exists(local)) {
            return named(local, "./" + ConfigLoader.FILE_NAME, "remove it to use the built-in defaults", problems);
        }
        return Optional.empty();
    }

    private Optional<Path> named(Path file, String namedBy, String orElse, Problems problems) {
        Path resolved = workingDirectory.resolve(file).normalize();
        KeyPath label = KeyPath.label(namedBy);
        if (!Files.exists(resolved)) {
            problems.add(label, "config file " + resolved + " does not exist; check the path, or " + orElse);
            return Optional.empty();
        }
        if (!Files.isRegularFile(resolved)) {
            problems.add(label, resolved + " is not a file; name a YAML file such as " + ConfigLoader.FILE_NAME
                    + ", or " + orElse);
            return Optional.empty();
        }
        return Optional.of(resolved);
    }
}
