package dev.detour.core.spi;

/**
 * A model-provider adapter type, such as {@code openai} or {@code huggingface}: it opens a configured
 * provider into a {@link ModelProvider}. Register an implementation in the adapter's
 * {@code META-INF/services/dev.detour.core.spi.ProviderType}; do not register it in app code.
 */
public interface ProviderType extends AdapterType<ModelProvider> {}
