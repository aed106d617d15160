package dev.detour.app.testing;

import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.ModelProvider;
import dev.detour.core.spi.ProviderType;

/**
 * A second provider type named {@code openai}, registered only by {@link ClassPathWithImpostor}: two types of
 * one name must stop Detour before anything is opened.
 */
public final class ImpostorProviderType implements ProviderType {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public ModelProvider open(AdapterSettings settings, AdapterKey key) {
        throw new AssertionError("a type whose name is taken must never be opened");
    }
}
