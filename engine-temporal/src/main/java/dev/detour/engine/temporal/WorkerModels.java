package dev.detour.engine.temporal;

import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What a worker's model calls go through: its configured chain, the chain a run names (built by
 * {@code chains} from the worker's own providers, which refuses a model it cannot call), and the prices
 * that a call's cost, and so a run's cost budget, are counted at.
 *
 * @param configured the resilience chain of the worker's configuration, for runs that name no chain
 * @param chains the resilience chain over the models a run names (the configured ones for none), holding each
 *     attempt's worst case to a cost budget at the prices given; throws {@link IllegalArgumentException} saying
 *     what this worker cannot call
 * @param pricing the price of each model, as {@code configured} counts them, for runs that carry no prices
 */
public record WorkerModels(ModelPort configured, BiFunction<List<ModelRef>, Pricing, ModelPort> chains, Pricing pricing) {

    public WorkerModels {
        Require.nonNull(configured, "configured");
        Require.nonNull(chains, "chains");
        Require.nonNull(pricing, "pricing");
    }

    /** Only {@code configured}, with no prices: a run that names a chain fails with a message saying so. */
    public static WorkerModels only(ModelPort configured) {
        return new WorkerModels(configured, (chain, pricing) -> {
            throw new IllegalArgumentException(chain.isEmpty()
                    ? "this worker calls only its configured chain, at no prices, and the run was started with prices;"
                            + " start workers that build chains (detour worker does), or start the run without prices"
                    : "this worker calls only its configured chain, and the run names the chain " + chain
                            + "; start workers that resolve named chains (detour worker does), or run without a chain");
        }, Pricing.none());
    }
}
