package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.WorkflowEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonCostTest {

    private static final ModelRef MINI = ModelRef.of("openai", "gpt-4o-mini");
    private static final ModelRef LOCAL = ModelRef.of("local", "llama3");
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private final EventJson json = new EventJson(new Pricing(Map.of(MINI,
            new Price(new BigDecimal("0.15"), new BigDecimal("0.60")))));

    @Test
    void attemptsStepsAndRunsCarryTheirExactCost() throws Exception {
        Attempt answered = Attempt.succeeded(MINI, null, 0, AT, Duration.ofMillis(5)).withUsage(TokenUsage.of(1000, 500));
        Attempt failed = Attempt.failed(ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, MINI)
                .usage(TokenUsage.of(100, 10)).build(), 0, AT, Duration.ofMillis(5));

        JsonNode first = read(new WorkflowEvent.AttemptFailed("r", 1, AT, "plan", failed));
        JsonNode second = read(new WorkflowEvent.AttemptSucceeded("r", 2, AT, "plan", answered));
        JsonNode step = read(new WorkflowEvent.StepCompleted("r", 3, AT, "plan", Duration.ofMillis(10), TokenUsage.of(1100, 510)));
        JsonNode run = read(new WorkflowEvent.RunCompleted("r", 4, AT, Duration.ofMillis(10), TokenUsage.of(1100, 510), 1));

        assertThat(first.get("cost").asText()).isEqualTo("0.000021");
        assertThat(first.get("tokens").get("prompt").asLong()).isEqualTo(100);
        assertThat(second.get("cost").asText()).isEqualTo("0.00045");
        assertThat(step.get("cost").asText()).isEqualTo("0.000471");
        assertThat(run.get("cost").asText()).isEqualTo("0.000471");
    }

    @Test
    void anUnpricedModelsCostIsUnknown() throws Exception {
        Attempt answered = Attempt.succeeded(LOCAL, null, 0, AT, Duration.ofMillis(5)).withUsage(TokenUsage.of(10, 5));

        assertThat(read(new WorkflowEvent.AttemptSucceeded("r", 1, AT, "plan", answered)).get("cost").asText()).isEqualTo("unknown");
        assertThat(read(new WorkflowEvent.StepCompleted("r", 2, AT, "plan", Duration.ZERO, TokenUsage.of(10, 5)))
                .get("cost").asText()).isEqualTo("unknown");
    }

    @Test
    void withoutPricesEventsHaveNoCostField() throws Exception {
        Attempt answered = Attempt.succeeded(MINI, null, 0, AT, Duration.ofMillis(5)).withUsage(TokenUsage.of(10, 5));

        assertThat(new ObjectMapper().readTree(new EventJson().toJson(
                new WorkflowEvent.AttemptSucceeded("r", 1, AT, "plan", answered))).has("cost")).isFalse();
    }

    @Test
    void runsWrittenAtOnceFromManyThreadsEachGetTheirOwnExactSumAndLeaveNothingBehind() throws Exception {
        int runs = 2_000;
        Map<String, String> totals = new java.util.concurrent.ConcurrentHashMap<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < runs; i++) {
                int answers = 1 + i % 5;
                String runId = "run-" + i;
                threads.submit(() -> {
                    long sequence = 0;
                    for (int k = 0; k < answers; k++) {
                        Attempt answered = Attempt.succeeded(MINI, null, 0, AT, Duration.ofMillis(5))
                                .withUsage(TokenUsage.of(1000, 500));
                        json.toJson(new WorkflowEvent.AttemptSucceeded(runId, ++sequence, AT, "step-" + k, answered));
                        json.toJson(new WorkflowEvent.StepCompleted(runId, ++sequence, AT, "step-" + k, Duration.ZERO,
                                TokenUsage.of(1000, 500)));
                    }
                    String end = json.toJson(new WorkflowEvent.RunCompleted(runId, ++sequence, AT, Duration.ZERO,
                            TokenUsage.of(1000L * answers, 500L * answers), answers));
                    totals.put(runId, new ObjectMapper().readTree(end).get("cost").asText());
                    return null;
                });
            }
        }

        assertThat(totals).hasSize(runs);
        for (int i = 0; i < runs; i++) {
            assertThat(totals.get("run-" + i)).isEqualTo(new BigDecimal("0.00045").multiply(BigDecimal.valueOf(1 + i % 5))
                    .stripTrailingZeros().toPlainString());
        }
        assertThat(json.openSums()).as("every ended run and step is forgotten").isZero();
    }

    @Test
    void aReplayedRunThatStoppedWithoutAnEndSumsOnlyWhatCameAfterItsResumption() throws Exception {
        Attempt answered = Attempt.succeeded(MINI, null, 0, AT, Duration.ofMillis(5)).withUsage(TokenUsage.of(1000, 500));
        json.toJson(new WorkflowEvent.RunStarted("r", 1, AT, "research"));
        json.toJson(new WorkflowEvent.StepStarted("r", 2, AT, "plan"));
        json.toJson(new WorkflowEvent.AttemptSucceeded("r", 3, AT, "plan", answered));

        json.toJson(new WorkflowEvent.RunResumed("r", 4, AT, "research", 0));
        json.toJson(new WorkflowEvent.StepStarted("r", 5, AT, "plan"));
        json.toJson(new WorkflowEvent.AttemptSucceeded("r", 6, AT, "plan", answered));
        JsonNode step = read(new WorkflowEvent.StepCompleted("r", 7, AT, "plan", Duration.ZERO, TokenUsage.of(1000, 500)));
        JsonNode run = read(new WorkflowEvent.RunCompleted("r", 8, AT, Duration.ZERO, TokenUsage.of(2000, 1000), 2));

        assertThat(step.get("cost").asText()).isEqualTo("0.00045");
        assertThat(run.get("cost").asText()).isEqualTo("0.00045");
        assertThat(json.openSums()).isZero();
    }

    @Test
    void theServerGivesEachRunAWriterOfItsOwn() throws Exception {
        Pricing pricing = new Pricing(Map.of(MINI, new Price(new BigDecimal("0.15"), new BigDecimal("0.60"))));
        dev.detour.app.server.Formats formats = ServeCommand.formats(pricing);
        Attempt answered = Attempt.succeeded(MINI, null, 0, AT, Duration.ofMillis(5)).withUsage(TokenUsage.of(1000, 500));
        var first = formats.events().apply(RunStore.none());
        var second = formats.events().apply(RunStore.none());

        first.apply(new WorkflowEvent.AttemptSucceeded("r", 1, AT, "plan", answered));
        String replayed = second.apply(new WorkflowEvent.RunCompleted("r", 2, AT, Duration.ZERO, TokenUsage.NONE, 0));
        String live = first.apply(new WorkflowEvent.RunCompleted("r", 2, AT, Duration.ZERO, TokenUsage.of(1000, 500), 1));

        assertThat(new ObjectMapper().readTree(replayed).get("cost").asText()).isEqualTo("0");
        assertThat(new ObjectMapper().readTree(live).get("cost").asText()).isEqualTo("0.00045");
    }

    private JsonNode read(WorkflowEvent event) throws Exception {
        return new ObjectMapper().readTree(json.toJson(event));
    }
}
