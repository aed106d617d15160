package dev.detour.app.provider;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import java.util.function.Function;

/**
 * An opened provider: hands out an adapter port per model and owns the connections they share.
 * Close it when the application shuts down.
 */
public interface ModelProvider extends AutoCloseable {

    /** The adapter's port for {@code modelId}, the model id as the provider knows it. */
    ModelPort model(String modelId);

    @Override
    void close();

    /** A provider whose ports come from {@code ports} and whose connections {@code close} releases. */
    static ModelProvider of(Function<String, ModelPort> ports, Runnable close) {
        Require.nonNull(ports, "ports");
        Require.nonNull(close, "close");
        return new ModelProvider() {
            @Override
            public ModelPort model(String modelId) {
                return ports.apply(modelId);
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
