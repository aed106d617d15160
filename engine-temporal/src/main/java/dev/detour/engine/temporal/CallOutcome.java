package dev.detour.engine.temporal;

import dev.detour.core.cost.Cost;
import dev.detour.core.model.ChainPosition;
import dev.detour.core.model.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a model-call activity returns: a model's answer, or the chain's pause before a retry further off
 * than a worker waits in process, which the workflow waits out as a durable timer before it goes on.
 *
 * @param response the answer, with every attempt of the call, unless the call paused
 * @param notices what the chain announced while making it, in order
 * @param pause how long to wait and where to go on from, if the call paused
 * @param cost what the answer's attempts cost at the worker's prices; zero for a pause, whose attempts the
 *     answer it goes on to lists again
 */
public record CallOutcome(Optional<ChatResponse> response, List<CallNotice> notices, Optional<Pause> pause, Cost cost) {

    public CallOutcome {
        cost = cost == null ? Cost.ZERO : cost;
    }

    /**
     * A paused call.
     *
     * @param waitFor how long the provider asked to wait
     * @param position where the call goes on from
     */
    public record Pause(Duration waitFor, ChainPosition position) {}

    static CallOutcome answered(ChatResponse response, List<CallNotice> notices, Cost cost) {
        return new CallOutcome(Optional.of(response), notices, Optional.empty(), cost);
    }

    static CallOutcome paused(Pause pause, List<CallNotice> notices) {
        return new CallOutcome(Optional.empty(), notices, Optional.of(pause), Cost.ZERO);
    }
}
