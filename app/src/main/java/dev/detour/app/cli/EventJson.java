package dev.detour.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.cost.Cost;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.Attempt;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.WorkflowEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns workflow events into one-line JSON objects with a {@code type} field, the format of
 * {@code --events}: stable field names, durations in milliseconds, instants in ISO-8601. With prices, it sums each
 * step's and run's cost from the attempt events it has written since that step or run started, until it ends, so
 * give each run's stream its own; a resumed run's sum starts from what its replayed steps cost, as read from the
 * store, so it is the whole run's. It is safe to call from several threads.
 */
final class EventJson {

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final Pricing pricing;
    private final CarriedCost carried;
    private final Map<String, Cost> stepCosts = new ConcurrentHashMap<>();
    private final Map<String, Cost> runCosts = new ConcurrentHashMap<>();

    EventJson() {
        this(Pricing.none());
    }

    /** Events with costs at {@code pricing}, of runs that have no stored earlier session. */
    EventJson(Pricing pricing) {
        this(pricing, RunStore.none());
    }

    /**
     * Events whose attempts, steps and runs also carry their {@code cost} at {@code pricing}, when it prices any model;
     * a resumed run's earlier sessions are read from {@code store}.
     */
    EventJson(Pricing pricing, RunStore store) {
        this.pricing = pricing;
        this.carried = new CarriedCost(store, pricing);
    }

    String toJson(WorkflowEvent event) {
        ObjectNode json = mapper.createObjectNode()
                .put("type", event.getClass().getSimpleName())
                .put("runId", event.runId())
                .put("sequence", event.sequence())
                .put("at", event.at().toString());
        switch (event) {
            case WorkflowEvent.RunStarted started -> {
                runCosts.remove(started.runId());
                json.put("workflow", started.workflow());
            }
            case WorkflowEvent.RunResumed resumed -> {
                if (pricing.prices().isEmpty()) {
                    runCosts.remove(resumed.runId());
                } else {
                    runCosts.put(resumed.runId(), carried.of(resumed));
                }
                json.put("workflow", resumed.workflow()).put("recordedSteps", resumed.recordedSteps());
            }
            case WorkflowEvent.RunCompleted completed -> {
                json.put("durationMs", millis(completed.duration())).put("modelCalls", completed.modelCalls());
                json.set("tokens", JsonShapes.tokens(completed.tokens()));
                cost(json, runCosts.remove(completed.runId()));
            }
            case WorkflowEvent.RunFailed failed -> {
                json.put("status", failed.status().name())
                        .put("message", failed.message()).put("durationMs", millis(failed.duration()));
                cost(json, runCosts.remove(failed.runId()));
            }
            case WorkflowEvent.StepStarted started -> {
                stepCosts.remove(started.runId() + '\n' + started.step());
                json.put("step", started.step());
            }
            case WorkflowEvent.StepCompleted completed -> {
                json.put("step", completed.step()).put("durationMs", millis(completed.duration()));
                json.set("tokens", JsonShapes.tokens(completed.tokens()));
                cost(json, stepCosts.remove(completed.runId() + '\n' + completed.step()));
            }
            case WorkflowEvent.StepFailed failed -> {
                json.put("step", failed.step()).put("durationMs", millis(failed.duration()));
                json.set("failure", JsonShapes.failure(failed.failure()));
                cost(json, stepCosts.remove(failed.runId() + '\n' + failed.step()));
            }
            case WorkflowEvent.AttemptStarted started -> json.put("step", started.step())
                    .put("model", started.model().toString()).put("retry", started.retry());
            case WorkflowEvent.AttemptSucceeded succeeded -> attempt(json, event.runId(), succeeded.step(), succeeded.attempt());
            case WorkflowEvent.AttemptFailed failed -> attempt(json, event.runId(), failed.step(), failed.attempt());
            case WorkflowEvent.AttemptSkipped skipped -> attempt(json, event.runId(), skipped.step(), skipped.attempt());
            case WorkflowEvent.RetryScheduled retry -> json.put("step", retry.step())
                    .put("model", retry.model().toString()).put("retry", retry.retry())
                    .put("delayMs", millis(retry.delay()));
            case WorkflowEvent.FallbackTaken fallback -> json.put("step", fallback.step())
                    .put("from", fallback.from().toString()).put("to", fallback.to().toString())
                    .put("reason", fallback.reason());
            case WorkflowEvent.StreamReset reset -> json.put("step", reset.step())
                    .put("failedModel", reset.failedModel().toString()).put("nextModel", reset.nextModel().toString());
            case WorkflowEvent.SearchStarted started -> json.put("step", started.step())
                    .put("source", started.source().name()).put("query", started.query()).put("retry", started.retry());
            case WorkflowEvent.SearchSucceeded succeeded -> attempt(json, event.runId(), succeeded.step(), succeeded.attempt())
                    .put("query", succeeded.query()).put("hits", succeeded.hits());
            case WorkflowEvent.SearchFailed failed -> attempt(json, event.runId(), failed.step(), failed.attempt()).put("query", failed.query());
            case WorkflowEvent.SearchSkipped skipped -> attempt(json, event.runId(), skipped.step(), skipped.attempt())
                    .put("query", skipped.query());
            case WorkflowEvent.CitationRejected rejected -> {
                json.put("step", rejected.step()).put("model", rejected.model().toString())
                        .put("evidenceGiven", rejected.evidenceGiven());
                rejected.rejected().forEach(json.putArray("rejected")::add);
            }
            case WorkflowEvent.BudgetExhausted exhausted -> json.set("exhaustion", JsonShapes.exhaustion(exhausted.exhaustion()));
        }
        return json.toString();
    }

    /** How many steps and runs it is still summing the cost of: those whose end it has not written yet. */
    int openSums() {
        return stepCosts.size() + runCosts.size();
    }

    private ObjectNode attempt(ObjectNode json, String runId, String step, Attempt attempt) {
        JsonShapes.attempt(json.put("step", step), attempt);
        if (attempt.isSearch()) {
            return json;
        }
        if (attempt.outcome() != Attempt.Outcome.SKIPPED) {
            json.set("tokens", JsonShapes.tokens(attempt.usage()));
        }
        if (!pricing.prices().isEmpty()) {
            Cost cost = pricing.costOf(attempt);
            stepCosts.merge(runId + '\n' + step, cost, Cost::plus);
            runCosts.merge(runId, cost, Cost::plus);
            cost(json, cost);
        }
        return json;
    }

    /** {@code "cost": "0.00004005"} (exact dollars) or {@code "unknown"}, when prices are configured. */
    private void cost(ObjectNode json, Cost cost) {
        if (pricing.prices().isEmpty()) {
            return;
        }
        Cost shown = cost == null ? Cost.ZERO : cost;
        json.put("cost", JsonShapes.cost(shown));
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }
}
