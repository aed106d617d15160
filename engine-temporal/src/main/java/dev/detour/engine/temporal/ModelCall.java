package dev.detour.engine.temporal;

import dev.detour.core.cost.Price;
import dev.detour.core.model.ChainPosition;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model call a step asks a worker to make: the activity's argument.
 *
 * @param runId the run the call belongs to
 * @param step the path of the step making it
 * @param request what to ask
 * @param timeLeft what is left of the run's time limit when the call is scheduled, if it has one
 * @param resumeFrom where the chain paused this call to wait, for the activity that goes on with it
 * @param chain the models the run names, empty for the worker's configured chain
 * @param costLeft the dollars left of the run's cost budget when the call is scheduled, if it has one
 * @param traceContext the W3C trace context headers of the step's span, which the call's spans are children of;
 *     empty for none
 * @param prices the run's prices, by model, which the call's attempts are held to its cost budget and priced at;
 *     empty for the worker's own
 */
public record ModelCall(String runId, String step, ChatRequest request, Optional<Duration> timeLeft,
        Optional<ChainPosition> resumeFrom, List<ModelRef> chain, Optional<BigDecimal> costLeft,
        Map<String, String> traceContext, Optional<Map<String, Price>> prices) {

    public ModelCall {
        chain = chain == null ? List.of() : List.copyOf(chain);
        costLeft = costLeft == null ? Optional.empty() : costLeft;
        traceContext = traceContext == null ? Map.of() : Map.copyOf(traceContext);
        prices = prices == null ? Optional.empty() : prices;
    }
}
