package dev.detour.app.server;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent outcomes of each model across every run of this server, by kind ({@code OK},
 * {@code ProviderUnavailable}, {@code skipped: circuit open}…): the last 50 attempts per model.
 */
final class ModelHealth implements WorkflowListener {

    static final int WINDOW = 50;

    private final Map<ModelRef, Deque<String>> recent = new ConcurrentHashMap<>();

    @Override
    public void onEvent(WorkflowEvent event) {
        switch (event) {
            case WorkflowEvent.AttemptSucceeded succeeded -> note(succeeded.attempt());
            case WorkflowEvent.AttemptFailed failed -> note(failed.attempt());
            case WorkflowEvent.AttemptSkipped skipped -> note(skipped.attempt());
            default -> {
                // Only attempts tell a model's health.
            }
        }
    }

    /** How many of {@code model}'s recent attempts ended each way. */
    Map<String, Integer> recentOutcomes(ModelRef model) {
        Deque<String> outcomes = recent.get(model);
        Map<String, Integer> counts = new TreeMap<>();
        if (outcomes != null) {
            synchronized (outcomes) {
                outcomes.forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
            }
        }
        return counts;
    }

    private void note(Attempt attempt) {
        if (attempt.isSearch()) {
            return;
        }
        String outcome = switch (attempt.outcome()) {
            case SUCCEEDED -> "OK";
            case FAILED -> attempt.kind().map(kind -> kind.displayName()).orElse("Failed");
            case SKIPPED -> "skipped: " + attempt.skipReason().map(reason -> reason.description()).orElse("skipped");
            case CANCELLED -> "cancelled";
        };
        Deque<String> outcomes = recent.computeIfAbsent(attempt.model(), ignored -> new ArrayDeque<>());
        synchronized (outcomes) {
            outcomes.addLast(outcome);
            while (outcomes.size() > WINDOW) {
                outcomes.removeFirst();
            }
        }
    }
}
