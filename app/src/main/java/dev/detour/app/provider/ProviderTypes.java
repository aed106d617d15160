package dev.detour.app.provider;

import com.google.inject.Binder;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.MapBinder;
import dev.detour.core.internal.Require;

/**
 * Registers provider types by name in the Guice graph. A third-party adapter's module calls
 * {@code ProviderTypes.register(binder(), "mytype").to(MyProviderType.class)} and is installed next to
 * {@code DetourModule}; a chain can then name providers of type {@code mytype}.
 */
public final class ProviderTypes {

    private ProviderTypes() {}

    /** Starts the binding of the provider type {@code type}. */
    public static LinkedBindingBuilder<ProviderType> register(Binder binder, String type) {
        Require.nonNull(binder, "binder");
        Require.nonBlank(type, "type");
        return MapBinder.newMapBinder(binder, String.class, ProviderType.class).addBinding(type);
    }
}
