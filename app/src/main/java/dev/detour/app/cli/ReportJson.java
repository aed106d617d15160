package dev.detour.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.workflow.RunRecord;

/** The {@code --format json} rendering of a research run: the report and its parts as fields. */
final class ReportJson {

    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    String toJson(ResearchRun run) {
        return toJson(run, run.result().status().name());
    }

    /** The run as JSON with {@code status} as its status, such as a stored run's {@code UNFINISHED}. */
    String toJson(ResearchRun run, String status) {
        RunRecord record = run.result().record();
        ObjectNode json = mapper.createObjectNode()
                .put("question", run.question())
                .put("runId", record.runId())
                .put("status", status)
                .put("complete", run.report().complete());
        ArrayNode limitations = json.putArray("limitations");
        run.report().limitations().forEach(limitations::add);
        run.result().output().flatMap(ResearchOutcome::synthesis).ifPresentOrElse(
                answer -> json.put("answer", answer), () -> json.putNull("answer"));
        ArrayNode findings = json.putArray("findings");
        run.report().findings().forEach(finding -> {
                    ObjectNode item = findings.addObject().put("question", finding.question());
                    if (finding.isAnswered()) {
                        item.put("answer", finding.answer());
                        finding.servedBy().ifPresent(servedBy -> item.put("servedBy", servedBy));
                    } else {
                        item.put("unansweredReason", finding.unansweredReason().orElseThrow());
                    }
                });
        json.put("modelCalls", record.modelCalls()).put("tokens", record.tokens().totalTokens());
        json.put("markdown", run.report().markdown());
        try {
            return mapper.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the report could not be written as JSON", e);
        }
    }
}
