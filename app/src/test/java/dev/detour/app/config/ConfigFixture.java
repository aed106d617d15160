package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A working directory, an environment and a loader over them, for specifications that write real YAML files. */
final class ConfigFixture {

    static final Map<String, Set<String>> TYPES = Map.of(
            "huggingface", Set.of("routing", "proxy-providers"),
            "openai", Set.of("token-limit-field"));

    /** Shaped like real keys, so that the secret rules have something to catch. */
    static final String HF_KEY = "hf_FakeConfigKey0123456789";
    static final String OPENAI_KEY = "sk-proj-FakeConfigKey012345";

    private final Path workingDirectory;
    private final Map<String, String> environment = new HashMap<>();
    private Map<String, Set<String>> types = TYPES;

    ConfigFixture(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    ConfigFixture env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    ConfigFixture types(Map<String, Set<String>> value) {
        types = value;
        return this;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    Path write(String name, String yaml) {
        Path file = workingDirectory.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    ConfigLoader loader() {
        return new ConfigLoader(types, Environment.of(environment), workingDirectory);
    }

    /** The configuration read from {@code yaml} given as {@code --config}. */
    DetourConfig load(String yaml) {
        return loader().load(Optional.of(write("config.yaml", yaml)));
    }

    DetourConfig load(String yaml, Overrides overrides) {
        return loader().load(Optional.of(write("config.yaml", yaml)), overrides);
    }

    /** The problems reported for {@code yaml} given as {@code --config}; fails if it loads. */
    List<String> problems(String yaml) {
        return problems(yaml, Overrides.none());
    }

    List<String> problems(String yaml, Overrides overrides) {
        Path file = write("config.yaml", yaml);
        return failure(() -> loader().load(Optional.of(file), overrides)).problems();
    }

    static ConfigException failure(Runnable load) {
        Throwable thrown = catchThrowable(load::run);
        assertThat(thrown).isInstanceOf(ConfigException.class);
        return (ConfigException) thrown;
    }
}
