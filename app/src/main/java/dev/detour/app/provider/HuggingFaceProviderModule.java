package dev.detour.app.provider;

import com.google.inject.AbstractModule;

/** Registers the {@code huggingface} provider type: the Hugging Face Inference Providers router. */
public final class HuggingFaceProviderModule extends AbstractModule {

    @Override
    protected void configure() {
        ProviderTypes.register(binder(), "huggingface").to(HuggingFaceProviderType.class);
    }
}
