package dev.detour.engine.temporal;

import dev.detour.core.workflow.Budget;
import java.util.Optional;

/**
 * What starts a Detour run on Temporal: the workflow's argument.
 *
 * @param workflow the name of the workflow, which the worker's catalog resolves
 * @param input the workflow's input
 * @param settings what the workflow is built from, such as research settings
 * @param budget the run's limits
 */
public record RunRequest(String workflow, Object input, Optional<Object> settings, Budget budget) {}
