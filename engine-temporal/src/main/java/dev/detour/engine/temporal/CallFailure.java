package dev.detour.engine.temporal;

import dev.detour.core.cost.Cost;
import java.util.List;

/**
 * The details of a model-call activity that ended without an answer: what the chain announced, the
 * failure to throw in the step, attempt ledger included, and what its failed attempts cost.
 *
 * @param notices what the chain announced while making the call, in order
 * @param failure what the chain threw
 * @param cost what the call's attempts cost at the worker's prices
 */
public record CallFailure(List<CallNotice> notices, FailureFacts failure, Cost cost) {

    public CallFailure {
        cost = cost == null ? Cost.ZERO : cost;
    }
}
