package dev.detour.engine.temporal;

import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.Budget;
import java.util.List;
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
 */
public record RunRequest(String workflow, Object input, Optional<Object> settings, Budget budget, List<ModelRef> chain) {

    public RunRequest {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }
}
