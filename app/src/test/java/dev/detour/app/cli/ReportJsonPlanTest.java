package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.workflow.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every planned sub-question is in the JSON report with its state, however the run ended. */
class ReportJsonPlanTest {

    @Test
    void aRunCancelledAfterPlanningListsEveryPlannedSubQuestionAsNotInvestigated() throws Exception {
        RunResult<ResearchOutcome> cancelled = new RunResult.Cancelled<>(OutputReferenceTest.planned());

        JsonNode json = new ObjectMapper().readTree(new ReportJson().toJson(
                new ResearchRun("Why?", cancelled, ResearchReport.of("Why?", cancelled))));

        assertThat(json.get("plan")).extracting(JsonNode::asText).containsExactly("What causes it?", "How often?");
        List<String> findings = new ArrayList<>();
        json.get("findings").forEach(finding -> findings.add(finding.get("question").asText() + ": "
                + finding.get("state").asText() + " (" + finding.get("notInvestigatedReason").asText() + ")"));
        assertThat(findings).containsExactly(
                "What causes it?: notInvestigated (the run stopped before this sub-question was answered)",
                "How often?: notInvestigated (the run stopped before this sub-question was answered)");
        assertThat(json.get("markdown").asText()).contains("### 1. What causes it?", "### 2. How often?");
    }
}
