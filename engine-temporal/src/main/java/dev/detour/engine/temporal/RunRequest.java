package dev.detour.engine.temporal;

import dev.detour.core.cost.Price;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.Budget;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What starts a Detour run on Temporal: the workflow's argument.
 *
 * @param workflow the name of the workflow, which the worker's catalog resolves
 * @param input the workflow's input
 * @param settings what the workflow is built from, such as research settings
 * @param budget the run's limits
 * @param chain the models the run names for its calls, which each worker resolves against its own providers;
 *     empty for the chain the workers are configured with
 * @param traceContext the W3C trace context headers current where the run was started, which its spans are
 *     children of; empty for none (and in the histories of runs started before runs carried one)
 * @param prices the prices of the configuration the run was started from, by model, which every worker counts the
 *     run's cost and cost budget at; empty to count them at each worker's own (as for runs started before runs
 *     carried them)
 */
public record RunRequest(String workflow, Object input, Optional<Object> settings, Budget budget, List<ModelRef> chain,
        Map<String, String> traceContext, Optional<Map<String, Price>> prices) {

    public RunRequest {
        chain = chain == null ? List.of() : List.copyOf(chain);
        traceContext = traceContext == null ? Map.of() : Map.copyOf(traceContext);
        prices = prices == null ? Optional.empty() : prices.map(Map::copyOf);
    }
}
