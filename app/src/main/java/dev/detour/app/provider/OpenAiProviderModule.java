package dev.detour.app.provider;

import com.google.inject.AbstractModule;

/** Registers the {@code openai} provider type: OpenAI and OpenAI-compatible servers. */
public final class OpenAiProviderModule extends AbstractModule {

    @Override
    protected void configure() {
        ProviderTypes.register(binder(), "openai").to(OpenAiProviderType.class);
    }
}
