package dev.detour.app.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Reads the {@code workflow} section and the command-line overrides of it; missing keys take {@link WorkflowConfig#defaults()}. */
final class WorkflowReader {

    static final List<String> KEYS = List.of("max-iterations", "token-budget", "parallelism", "cost-budget");

    private WorkflowReader() {}

    static Optional<WorkflowConfig> read(Section workflow, Overrides overrides) {
        WorkflowConfig defaults = WorkflowConfig.defaults();
        workflow.allowOnly(KEYS);
        Optional<Integer> maxIterations = workflow.wholeNumber("max-iterations", defaults.maxIterations(), 1);
        Optional<Long> tokenBudget = workflow.wholeNumber("token-budget", defaults.tokenBudget(), 1L);
        Optional<Integer> parallelism = workflow.wholeNumber("parallelism", defaults.parallelism(), 1);
        Optional<Optional<BigDecimal>> costBudget = workflow.has("cost-budget")
                ? Money.dollars(workflow.get("cost-budget"), workflow.at("cost-budget"), true, workflow.problems()).map(Optional::of)
                : Optional.of(Optional.empty());
        Problems problems = workflow.problems();
        if (overrides.costBudget().isPresent()) {
            costBudget = Money.dollars(overrides.costBudget().get(), KeyPath.label("--cost-budget"), true, problems)
                    .map(Optional::of);
        }
        if (overrides.maxIterations().isPresent()) {
            maxIterations = atLeastOne(overrides.maxIterations().get(), "--max-iterations", problems).map(Long::intValue);
        }
        if (overrides.tokenBudget().isPresent()) {
            tokenBudget = atLeastOne(overrides.tokenBudget().get(), "--token-budget", problems);
        }
        if (maxIterations.isEmpty() || tokenBudget.isEmpty() || parallelism.isEmpty() || costBudget.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowConfig(maxIterations.get(), tokenBudget.get(), parallelism.get(), costBudget.get()));
    }

    private static Optional<Long> atLeastOne(long value, String option, Problems problems) {
        if (value < 1) {
            problems.add(KeyPath.label(option), value + " is too small (use a whole number of at least 1)");
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
