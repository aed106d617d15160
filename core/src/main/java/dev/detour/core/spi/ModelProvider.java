package dev.detour.core.spi;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import java.util.function.Function;

/**
 * An opened provider: hands out an adapter port per model and owns the connections those ports share.
 * The app closes it when it shuts down; do not close it per call.
 */
public interface ModelProvider extends AutoCloseable {

    /**
     * The adapter's port for {@code modelId}, the model id as the provider knows it.
     *
     * @throws IllegalArgumentException if the provider cannot serve such an id
     */
    ModelPort model(String modelId);

    /** Releases the connections and threads its ports share; calls in flight are cancelled. */
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
