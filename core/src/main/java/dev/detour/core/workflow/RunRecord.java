package dev.detour.core.workflow;

import dev.detour.core.cost.Cost;
import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a run did, step by step, in the order the steps started. A failing step leaves every
 * earlier step's record, output included.
 *
 * @param runId the run's id
 * @param workflow the workflow's name
 * @param start when the run began
 * @param steps one record per step execution, in start order
 * @param modelCalls model calls made (a call through a chain counts once)
 */
public record RunRecord(String runId, String workflow, Instant start, List<StepRecord> steps, int modelCalls) {

    public RunRecord {
        Require.nonBlank(runId, "runId");
        Require.nonBlank(workflow, "workflow");
        Require.nonNull(start, "start");
        steps = List.copyOf(Require.nonNull(steps, "steps"));
        Require.notNegative(modelCalls, "modelCalls");
    }

    /** The record of the step at {@code path}, if it ran. */
    public Optional<StepRecord> step(String path) {
        return steps.stream().filter(step -> step.path().equals(path)).findFirst();
    }

    /** Every execution of the step named {@code name}, wherever it sits, in start order. */
    public List<StepRecord> stepsNamed(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).toList();
    }

    /** The steps that produced an output. */
    public List<StepRecord> completedSteps() {
        return steps.stream().filter(step -> step.status() == RunStatus.COMPLETED).toList();
    }

    /** Tokens used by all steps. */
    public TokenUsage tokens() {
        return steps.stream().map(StepRecord::tokens).reduce(TokenUsage.NONE, TokenUsage::plus);
    }

    /** Every model and search attempt of the run, step by step. */
    public List<Attempt> attempts() {
        return steps.stream().flatMap(step -> step.attempts().stream()).toList();
    }

    /** What the run's model calls cost at {@code pricing}, exactly, from every attempt's reported tokens. */
    public Cost cost(Pricing pricing) {
        Require.nonNull(pricing, "pricing");
        Cost total = Cost.ZERO;
        for (StepRecord step : steps) {
            total = total.plus(step.cost(pricing));
        }
        return total;
    }
}
