package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.ModelProvider;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.ProviderType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
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

    /**
     * The provider types {@code types} describes, as installed adapters would register them: each accepts its
     * option keys as text, and {@code huggingface} and {@code openai} have their public default base URLs.
     */
    static ProviderTypes providerTypes(Map<String, Set<String>> types) {
        return ProviderTypes.of(types.entrySet().stream()
                .map(type -> (ProviderType) new TextOptionsType(type.getKey(),
                        type.getValue().stream().<Option<?>>map(Option::text).toList()))
                .toList());
    }

    /** A provider type that only validates: it has never to open a provider in these specifications. */
    record TextOptionsType(String name, List<Option<?>> options) implements ProviderType {

        private static final Map<String, URI> PUBLIC_APIS = Map.of(
                "huggingface", URI.create("https://router.huggingface.co"),
                "openai", URI.create("https://api.openai.com/v1"));

        @Override
        public Optional<URI> defaultBaseUrl() {
            return Optional.ofNullable(PUBLIC_APIS.get(name));
        }

        @Override
        public ModelProvider open(AdapterSettings settings, AdapterKey key) {
            throw new UnsupportedOperationException("configuration specifications open no provider");
        }
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
        return new ConfigLoader(providerTypes(types), Environment.of(environment), workingDirectory);
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
