package dev.detour.app.provider;

import com.google.inject.Inject;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The providers the chain uses, opened once through their registered {@link ProviderType types}: the
 * one place adapter ports are made. Close it at shutdown to release their connections.
 */
public final class Providers implements AutoCloseable {

    private final Map<String, ModelProvider> opened = new LinkedHashMap<>();

    @Inject
    public Providers(DetourConfig config, Map<String, ProviderType> types, Environment environment) {
        Require.nonNull(config, "config");
        Require.nonNull(types, "types");
        Require.nonNull(environment, "environment");
        List<String> problems = new ArrayList<>();
        for (ModelRef model : config.chain()) {
            if (opened.containsKey(model.provider())) {
                continue;
            }
            ProviderConfig provider = config.provider(model.provider()).orElseThrow();
            ProviderType type = types.get(provider.type());
            if (type == null) {
                problems.add("providers." + provider.name() + ".type: no installed module provides type \""
                        + provider.type() + "\"; installed types: " + new TreeSet<>(types.keySet())
                        + ". Install the Guice module of that adapter next to DetourModule.");
                continue;
            }
            try {
                opened.put(provider.name(), type.open(provider, environment));
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
}
