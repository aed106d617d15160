package dev.detour.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.cost.Cost;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.Attempt;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.StoredRun;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Writes runs as the API shows them: a summary line for listings, and the detail with steps and report; with prices
 * configured, each with its cost, as the CLI shows it.
 */
final class RunViews {

    private final ObjectMapper mapper;
    private final Function<ResearchRun, String> reportJson;
    private final Pricing pricing;
    private final RunStore store;

    RunViews(ObjectMapper mapper, Function<ResearchRun, String> reportJson, Pricing pricing, RunStore store) {
        this.mapper = mapper;
        this.reportJson = reportJson;
        this.pricing = pricing;
        this.store = store;
    }

    ObjectNode summary(LiveRun live) {
        RunRecord record = live.record();
        Optional<ResearchRun> finished = live.finished();
        RunStatusName status = finished.map(run -> RunStatusName.of(run.result().status())).orElse(RunStatusName.RUNNING);
        return summary(live.runId(), status, live.question(), live.started(), Optional.empty(),
                record.tokens().totalTokens(), record.modelCalls(), cost(Optional.of(record)), true,
                status.resumable() && !live.outlivesTheServer());
    }

    ObjectNode summary(RunSummary stored) {
        Optional<Cost> cost = priced() ? cost(store.find(stored.runId()).map(StoredRun::record)) : Optional.empty();
        return summary(stored, cost);
    }

    private ObjectNode summary(RunSummary stored, Optional<Cost> cost) {
        RunStatusName status = RunStatusName.of(stored.status());
        return summary(stored.runId(), status, stored.title(), stored.started(), stored.ended(), stored.usage().tokens(),
                stored.usage().modelCalls(), cost, false, status.resumable());
    }

    ObjectNode detail(LiveRun live) {
        ObjectNode json = summary(live);
        budget(json, live.tokenBudget());
        steps(json, live.record());
        live.finished().ifPresentOrElse(run -> report(json, run), () -> json.putNull("report"));
        return json;
    }

    ObjectNode detail(StoredRun stored) {
        ObjectNode json = summary(stored.summary(), cost(Optional.of(stored.record())));
        budget(json, stored.start().budget().maxTokens());
        steps(json, stored.record());
        if (!stored.start().workflow().equals(ResearchWorkflow.NAME)) {
            json.putNull("report");
            return json;
        }
        ResearchReport report = ResearchReport.of(stored, pricing);
        @SuppressWarnings("unchecked")
        Optional<RunResult<ResearchOutcome>> result = stored.result().map(ended -> (RunResult<ResearchOutcome>) (RunResult<?>) ended);
        result.ifPresentOrElse(ended -> report(json, new ResearchRun(String.valueOf(stored.start().input()), ended, report)),
                () -> {
                    ObjectNode node = json.putObject("report");
                    node.put("markdown", report.markdown()).put("complete", report.complete());
                    node.putNull("json");
                });
        return json;
    }

    private ObjectNode summary(String runId, RunStatusName status, String question, Instant started,
            Optional<Instant> ended, long tokens, int modelCalls, Optional<Cost> cost, boolean live, boolean resumable) {
        ObjectNode json = mapper.createObjectNode().put("id", runId).put("status", status.apiName())
                .put("question", question).put("startedAt", started.toString());
        ended.ifPresentOrElse(at -> json.put("endedAt", at.toString()), () -> json.putNull("endedAt"));
        json.put("tokens", tokens).put("modelCalls", modelCalls);
        cost.ifPresent(known -> json.put("cost", shown(known)));
        json.put("resumable", resumable).put("live", live);
        json.set("links", links(runId));
        return json;
    }

    private Optional<Cost> cost(Optional<RunRecord> record) {
        return priced() ? record.map(known -> known.cost(pricing)) : Optional.empty();
    }

    /** Exact dollars as decimal text, or {@code "unknown"}, as the run's JSON report writes a cost. */
    private static String shown(Cost cost) {
        return cost.complete() ? cost.exact() : "unknown";
    }

    private boolean priced() {
        return !pricing.prices().isEmpty();
    }

    ObjectNode links(String runId) {
        String self = "/v1/runs/" + runId;
        return mapper.createObjectNode().put("self", self).put("events", self + "/events")
                .put("cancel", self + "/cancel").put("resume", self + "/resume");
    }

    private static void budget(ObjectNode json, OptionalLong tokenBudget) {
        if (tokenBudget.isPresent()) {
            json.put("tokenBudget", tokenBudget.getAsLong());
        } else {
            json.putNull("tokenBudget");
        }
    }

    private void steps(ObjectNode json, RunRecord record) {
        ArrayNode steps = json.putArray("steps");
        for (StepRecord step : record.steps()) {
            ObjectNode node = steps.addObject().put("path", step.path()).put("status", step.status().name())
                    .put("startedAt", step.start().toString()).put("durationMs", step.duration().toMillis())
                    .put("tokens", step.tokens().totalTokens()).put("attempts", step.attempts().size());
            if (priced()) {
                node.put("cost", shown(step.cost(pricing)));
            }
            step.servedBy().stream().reduce((first, second) -> second).ifPresentOrElse(
                    served -> node.put("servedBy", servedBy(served)), () -> node.putNull("servedBy"));
            step.failure().ifPresent(failure -> node.put("failure", failure.message()));
        }
    }

    private static String servedBy(Attempt attempt) {
        return attempt.model() + attempt.inferenceProvider().map(provider -> " via " + provider).orElse("");
    }

    private void report(ObjectNode json, ResearchRun run) {
        ObjectNode node = json.putObject("report");
        node.put("markdown", run.report().markdown()).put("complete", run.report().complete());
        try {
            node.set("json", mapper.readTree(reportJson.apply(run)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report of run " + run.result().record().runId() + " is not JSON", e);
        }
    }
}
