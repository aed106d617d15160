package dev.detour.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.cost.Pricing;
import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.research.Finding;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchState;
import dev.detour.core.research.SourceResult;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.StepRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --format json} rendering of a research run: the report's parts as fields, every step with its
 * attempts, the failure if there was one, the evidence and references of a grounded run, and the provenance
 * (who served each step, every fallback, what each source gave each sub-question) as data; with prices
 * configured, the cost of the run, of each step and of each model attempt.
 * Every field is documented in {@code docs/output-reference.md}; {@link #SCHEMA_VERSION} changes when a
 * field changes meaning or goes away.
 */
final class ReportJson {

    static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final Pricing pricing;

    ReportJson() {
        this(Pricing.none());
    }

    /** Reports with {@code cost} fields at {@code pricing}, when it prices any model. */
    ReportJson(Pricing pricing) {
        this.pricing = pricing;
    }

    String toJson(ResearchRun run) {
        return toJson(run, run.result().status().name());
    }

    /** The run as JSON with {@code status} as its status, such as a stored run's {@code UNFINISHED}. */
    String toJson(ResearchRun run, String status) {
        RunRecord record = run.result().record();
        ObjectNode json = mapper.createObjectNode()
                .put("schemaVersion", SCHEMA_VERSION)
                .put("question", run.question())
                .put("runId", record.runId())
                .put("status", status)
                .put("complete", run.report().complete());
        ArrayNode limitations = json.putArray("limitations");
        run.report().limitations().forEach(limitations::add);
        run.result().output().flatMap(ResearchOutcome::synthesis).ifPresentOrElse(
                answer -> json.put("answer", answer), () -> json.putNull("answer"));
        ArrayNode plan = json.putArray("plan");
        record.step("plan").flatMap(step -> step.output(ResearchState.class))
                .ifPresent(state -> state.plan().forEach(plan::add));
        ArrayNode findings = json.putArray("findings");
        run.report().findings().forEach(finding -> {
            ObjectNode item = findings.addObject().put("question", finding.question())
                    .put("state", finding.isAnswered() ? "answered" : "unanswered");
            if (finding.isAnswered()) {
                item.put("answer", finding.answer());
                finding.servedBy().ifPresent(servedBy -> item.put("servedBy", servedBy));
            } else {
                item.put("unansweredReason", finding.unansweredReason().orElseThrow());
            }
            if (finding.isGroundingOn()) {
                grounding(item, finding);
            }
        });
        run.report().notInvestigated().forEach(planned -> findings.addObject().put("question", planned.question())
                .put("state", "notInvestigated").put("notInvestigatedReason", planned.reason()));
        ArrayNode evidence = json.putArray("evidence");
        Map<EvidenceId, Integer> cited = new HashMap<>();
        run.report().references().forEach(reference -> cited.put(reference.evidence().id(), reference.number()));
        Set<EvidenceId> listed = new HashSet<>();
        run.report().findings().stream().flatMap(finding -> finding.evidence().stream())
                .filter(given -> listed.add(given.id()))
                .forEach(given -> {
                    ObjectNode item = record(evidence.addObject(), given);
                    if (cited.containsKey(given.id())) {
                        item.put("reference", cited.get(given.id()));
                    } else {
                        item.putNull("reference");
                    }
                });
        ArrayNode references = json.putArray("references");
        run.report().references().forEach(reference ->
                record(references.addObject().put("number", reference.number()), reference.evidence()));
        ArrayNode steps = json.putArray("steps");
        record.steps().forEach(step -> steps.add(step(step)));
        failure(run.result()).ifPresent(failure -> json.set("failure", failure));
        json.set("provenance", provenance(record));
        json.put("modelCalls", record.modelCalls());
        json.set("tokens", JsonShapes.tokens(record.tokens()));
        if (priced()) {
            json.put("cost", JsonShapes.cost(record.cost(pricing)));
        }
        json.put("markdown", run.report().markdown());
        try {
            return mapper.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the report could not be written as JSON", e);
        }
    }

    private static void grounding(ObjectNode item, Finding finding) {
        item.put("grounded", finding.isGrounded()).put("uncited", finding.isUncited());
        finding.notGroundedReason().ifPresent(reason -> item.put("notGroundedReason", reason));
        ArrayNode ids = item.putArray("evidence");
        finding.evidence().forEach(record -> ids.add(record.id().toString()));
        ArrayNode sources = item.putArray("sources");
        for (SourceResult result : finding.sources()) {
            ObjectNode source = sources.addObject().put("source", result.source()).put("records", result.records());
            result.kind().ifPresent(kind -> source.put("kind", kind.displayName()));
            result.httpStatus().ifPresent(status -> source.put("httpStatus", status));
            result.failure().ifPresent(failure -> source.put("failure", failure));
        }
    }

    private static ObjectNode record(ObjectNode json, EvidenceRecord record) {
        json.put("id", record.id().toString()).put("source", record.source()).put("kind",
                record.kind().name().toLowerCase(Locale.ROOT)).put("title", record.title());
        ArrayNode authors = json.putArray("authors");
        record.authors().forEach(authors::add);
        record.published().ifPresent(published -> json.put("published", published));
        record.venue().ifPresent(venue -> json.put("venue", venue));
        json.put("url", record.url().toString());
        ArrayNode crossIds = json.putArray("crossIds");
        record.crossIds().forEach(id -> crossIds.add(id.toString()));
        return json;
    }

    private ObjectNode step(StepRecord step) {
        ObjectNode json = mapper.createObjectNode().put("path", step.path()).put("status", step.status().name());
        servedBy(step).ifPresentOrElse(attempt -> {
            ObjectNode servedBy = json.putObject("servedBy").put("model", attempt.model().toString());
            attempt.inferenceProvider().ifPresent(provider -> servedBy.put("inferenceProvider", provider));
        }, () -> json.putNull("servedBy"));
        json.put("start", step.start().toString()).put("durationMs", step.duration().toMillis());
        json.set("tokens", JsonShapes.tokens(step.tokens()));
        if (priced()) {
            json.put("cost", JsonShapes.cost(step.cost(pricing)));
        }
        ArrayNode attempts = json.putArray("attempts");
        step.attempts().forEach(attempt -> {
            ObjectNode item = JsonShapes.attempt(mapper.createObjectNode(), attempt);
            if (priced() && !attempt.isSearch()) {
                item.put("cost", JsonShapes.cost(pricing.costOf(attempt)));
            }
            attempts.add(item);
        });
        step.failure().ifPresent(failure -> json.set("failure", JsonShapes.failure(failure)));
        return json;
    }

    private boolean priced() {
        return !pricing.prices().isEmpty();
    }

    private static Optional<Attempt> servedBy(StepRecord step) {
        return step.servedBy().stream().reduce((first, second) -> second);
    }

    private Optional<ObjectNode> failure(RunResult<ResearchOutcome> result) {
        return switch (result) {
            case RunResult.Completed<ResearchOutcome> completed -> Optional.empty();
            case RunResult.Cancelled<ResearchOutcome> cancelled -> Optional.of(mapper.createObjectNode()
                    .put("status", cancelled.status().name()).put("message", "the run was cancelled"));
            case RunResult.BudgetExhausted<ResearchOutcome> exhausted -> {
                ObjectNode json = mapper.createObjectNode().put("status", exhausted.status().name())
                        .put("message", exhausted.exhaustion().describe());
                json.set("exhaustion", JsonShapes.exhaustion(exhausted.exhaustion()));
                yield Optional.of(json);
            }
            case RunResult.Failed<ResearchOutcome> failed -> {
                ObjectNode json = mapper.createObjectNode().put("status", failed.status().name())
                        .put("step", failed.failedStep()).put("type", failed.failure().getClass().getSimpleName())
                        .put("message", failed.failure().getMessage() == null ? "" : failed.failure().getMessage()
                                .lines().findFirst().orElse(""));
                if (failed.failure() instanceof ModelCallException modelFailure) {
                    json.put("kind", modelFailure.kind().displayName());
                }
                if (failed.failure() instanceof AllModelsFailedError all) {
                    ArrayNode attempts = json.putArray("attempts");
                    all.attempts().forEach(attempt -> attempts.add(JsonShapes.attempt(mapper.createObjectNode(), attempt)));
                }
                yield Optional.of(json);
            }
        };
    }

    /** Who served each step and every model the chain left behind on the way (searches aside), as the report's provenance says. */
    private ObjectNode provenance(RunRecord record) {
        ObjectNode json = mapper.createObjectNode();
        ArrayNode fallbacks = json.putArray("fallbacks");
        for (StepRecord step : record.steps()) {
            List<List<Attempt>> byModel = new ArrayList<>();
            for (Attempt attempt : step.attempts().stream().filter(attempt -> !attempt.isSearch()).toList()) {
                if (byModel.isEmpty() || !byModel.getLast().getFirst().model().equals(attempt.model())) {
                    byModel.add(new ArrayList<>());
                }
                byModel.getLast().add(attempt);
            }
            for (int i = 0; i < byModel.size(); i++) {
                List<Attempt> left = byModel.get(i);
                Attempt last = left.getLast();
                if (last.outcome() == Attempt.Outcome.SUCCEEDED) {
                    continue;
                }
                ObjectNode fallback = fallbacks.addObject().put("step", step.path())
                        .put("from", last.model().toString());
                if (i + 1 < byModel.size()) {
                    fallback.put("to", byModel.get(i + 1).getFirst().model().toString());
                } else {
                    fallback.putNull("to");
                }
                fallback.put("reason", last.shortReason()).put("attempts", left.size());
            }
        }
        return json;
    }
}
