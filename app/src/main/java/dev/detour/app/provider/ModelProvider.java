package dev.detour.app.provider;

import dev.detour.core.model.ModelPort;

/**
 * An opened provider: hands out an adapter port per model and owns the connections they share.
 * Close it when the application shuts down.
 */
public interface ModelProvider extends AutoCloseable {

    /** The adapter's port for {@code modelId}, the model id as the provider knows it. */
    ModelPort model(String modelId);

    @Override
    void close();
}
