package dev.detour.app.provider;

import com.google.inject.Inject;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ProviderTypes;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.ModelProvider;
import dev.detour.core.spi.ProviderType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers the chain uses, opened once through their {@link ProviderTypes types}: the one place
 * adapter ports are made, and the one place a provider's key is read from the environment. Close it at
 * shutdown to release their connections.
 */
public final class Providers implements AutoCloseable {

    private final Map<String, ModelProvider> opened = new LinkedHashMap<>();

    @Inject
    public Providers(DetourConfig config, ProviderTypes types, Environment environment) {
        Require.nonNull(config, "config");
        Require.nonNull(types, "types");
        Require.nonNull(environment, "environment");
        List<String> problems = new ArrayList<>();
        for (ProviderConfig provider : chainProviders(config)) {
            List<String> wrong = problems(provider, types, environment);
            if (!wrong.isEmpty()) {
                problems.addAll(wrong);
                continue;
            }
            try {
                opened.put(provider.name(), types.find(provider.type()).orElseThrow()
                        .open(settings(provider), AdapterKeys.read(provider.tokenEnv(), environment)));
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                problems.add(message.startsWith("providers.") ? message : "providers." + provider.name() + ": " + message);
            }
        }
        if (!problems.isEmpty()) {
            close();
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /**
     * Checks the chain's providers as the constructor does before opening them, without opening any (no
     * connection, no client), for a command that only shows them.
     *
     * @throws IllegalArgumentException listing the problems, as the constructor does
     */
    public static void check(DetourConfig config, ProviderTypes types, Environment environment) {
        Require.nonNull(config, "config");
        Require.nonNull(types, "types");
        Require.nonNull(environment, "environment");
        List<String> problems = chainProviders(config).stream()
                .flatMap(provider -> problems(provider, types, environment).stream()).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    private static List<ProviderConfig> chainProviders(DetourConfig config) {
        Map<String, ProviderConfig> used = new LinkedHashMap<>();
        for (ModelRef model : config.chain()) {
            used.computeIfAbsent(model.provider(), name -> config.provider(name).orElseThrow());
        }
        return List.copyOf(used.values());
    }

    private static List<String> problems(ProviderConfig provider, ProviderTypes types, Environment environment) {
        Optional<ProviderType> type = types.find(provider.type());
        if (type.isEmpty()) {
            return List.of("providers." + provider.name() + ".type: no provider type \"" + provider.type()
                    + "\" is installed; installed types: " + types.names()
                    + ". Put the adapter of that type on the class path.");
        }
        List<String> wrong = type.get().problems(provider.options()).stream()
                .map(problem -> "providers." + provider.name() + "." + problem.key() + ": " + problem.message())
                .toList();
        if (!wrong.isEmpty()) {
            return wrong;
        }
        return unusableKey(provider, environment).stream().toList();
    }

    /** The adapter port of {@code model}, with no resilience of its own. */
    public ModelPort port(ModelRef model) {
        ModelProvider provider = opened.get(Require.nonNull(model, "model").provider());
        if (provider == null) {
            throw new IllegalArgumentException("provider \"" + model.provider() + "\" of " + model
                    + " is not in the chain's providers " + opened.keySet());
        }
        return provider.model(model.model());
    }

    @Override
    public void close() {
        opened.values().forEach(ModelProvider::close);
    }

    private static AdapterSettings settings(ProviderConfig provider) {
        return new AdapterSettings(provider.name(), provider.baseUrl(), provider.allowInsecureHttp(), provider.options());
    }

    private static Optional<String> unusableKey(ProviderConfig provider, Environment environment) {
        return AdapterKeys.unusable(provider.tokenEnv(), environment, "providers." + provider.name() + ".token-env");
    }

}
