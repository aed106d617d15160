package dev.detour.app.resilience;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;

/**
 * One model of a chain and the adapter port that calls it, with no resilience of its own.
 *
 * @param model which model
 * @param port the adapter's port for that model
 */
public record ChainLink(ModelRef model, ModelPort port) {

    public ChainLink {
        Require.nonNull(model, "model");
        Require.nonNull(port, "port");
    }
}
