package dev.detour.app.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.cost.Cost;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.StepFailure;

/**
 * The JSON shapes the event log and the JSON report share, so an attempt or a token count reads the same
 * in both: field names as in {@code docs/output-reference.md}, durations in milliseconds.
 */
final class JsonShapes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonShapes() {}

    /**
     * Adds an attempt's fields to {@code json}: model (or source, for a search), inference provider, retry,
     * outcome, kind, status, skip reason, message, start, latency.
     */
    static ObjectNode attempt(ObjectNode json, Attempt attempt) {
        switch (attempt.target()) {
            case ModelRef model -> json.put("model", model.toString());
            case SourceRef source -> json.put("source", source.name());
        }
        attempt.inferenceProvider().ifPresent(provider -> json.put("inferenceProvider", provider));
        json.put("retry", attempt.retry()).put("outcome", attempt.outcome().name());
        attempt.kind().ifPresent(kind -> json.put("kind", kind.displayName()));
        attempt.httpStatus().ifPresent(status -> json.put("httpStatus", status));
        attempt.skipReason().ifPresent(reason -> json.put("skipReason", reason.name()));
        return json.put("message", attempt.message()).put("start", attempt.start().toString())
                .put("latencyMs", attempt.duration().toMillis());
    }

    static ObjectNode tokens(TokenUsage usage) {
        return JSON.objectNode().put("prompt", usage.promptTokens())
                .put("completion", usage.completionTokens()).put("total", usage.totalTokens());
    }

    /** A cost as both outputs write it: the exact dollars as decimal text ({@code "0.00004005"}), or {@code "unknown"}. */
    static String cost(Cost cost) {
        return cost.complete() ? cost.exact() : "unknown";
    }

    static ObjectNode failure(StepFailure failure) {
        ObjectNode json = JSON.objectNode().put("status", failure.status().name())
                .put("type", failure.type()).put("message", failure.message());
        failure.kind().ifPresent(kind -> json.put("kind", kind.displayName()));
        return json;
    }

    static ObjectNode exhaustion(BudgetExhaustion exhaustion) {
        return JSON.objectNode().put("resource", exhaustion.resource().name())
                .put("limit", exhaustion.limit()).put("used", exhaustion.used());
    }
}
