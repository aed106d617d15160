package dev.detour.app.cli;

import dev.detour.core.cost.Cost;
import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.StoredStep;
import dev.detour.core.workflow.WorkflowEvent;

/**
 * What a resumed run brings into its new session in money: the cost of the stored steps its resumption returns
 * instead of running again, which publish no events of their own, so that its events price the whole run as its
 * record does.
 */
final class CarriedCost {

    private final RunStore store;
    private final Pricing pricing;

    CarriedCost(RunStore store, Pricing pricing) {
        this.store = Require.nonNull(store, "store");
        this.pricing = Require.nonNull(pricing, "pricing");
    }

    /** The cost of the replayable steps the run had stored before {@code resumed}; unknown if the store cannot say. */
    Cost of(WorkflowEvent.RunResumed resumed) {
        try {
            return store.find(resumed.runId()).map(stored -> stored.steps().stream()
                    .filter(step -> step.replayable() && step.startedSequence() < resumed.sequence())
                    .map(StoredStep::record).map(step -> step.cost(pricing))
                    .reduce(Cost.ZERO, Cost::plus)).orElse(Cost.ZERO);
        } catch (RunStoreException e) {
            return Cost.UNKNOWN;
        }
    }
}
