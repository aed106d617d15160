package dev.detour.app.resilience;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import java.util.List;

/**
 * The configured chain as raw adapter ports, in order: what the resilience chain wraps, and what
 * {@code detour doctor} probes one by one without retries or breakers.
 *
 * @param links the models and their ports, in chain order
 */
public record ModelChain(List<ChainLink> links) {

    public ModelChain {
        links = List.copyOf(Require.nonNull(links, "links"));
        if (links.isEmpty()) {
            throw new IllegalArgumentException("links must hold at least one model, was []");
        }
    }

    /** The models, in order. */
    public List<ModelRef> models() {
        return links.stream().map(ChainLink::model).toList();
    }
}
