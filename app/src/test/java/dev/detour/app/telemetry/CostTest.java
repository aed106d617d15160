package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.WorkflowConfig;
import dev.detour.core.cost.Cost;
import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepRecord;
import dev.detour.simulator.Scenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Costs at configured prices, exactly, and the cost budget stopping a run where the arithmetic says. */
class CostTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final Price SEVEN_B = new Price(new BigDecimal("0.15"), new BigDecimal("0.60"));

    /** Every chain model at $1 per million answer tokens and free prompts: a call's worst case is its output cap. */
    private static Pricing answersAtOneDollarPerMillion() {
        Price price = new Price(BigDecimal.ZERO, BigDecimal.ONE);
        return new Pricing(Map.of(TelemetryRig.QWEN_72B, price, TelemetryRig.QWEN_7B, price, TelemetryRig.GPT, price));
    }

    @Test
    void aPriceCostsExactlyTokensTimesDollarsPerMillion() {
        assertThat(SEVEN_B.costOf(TokenUsage.of(59, 52))).isEqualByComparingTo("0.00004005");
        assertThat(Cost.of(SEVEN_B.costOf(TokenUsage.of(59, 52))).describe()).isEqualTo("$0.000040");
        assertThat(Cost.of(new BigDecimal("0.0000005")).describe()).isEqualTo("$0.000001");
        assertThat(Cost.UNKNOWN.describe()).isEqualTo("unknown");
        assertThat(Cost.of(new BigDecimal("0.1")).plus(Cost.UNKNOWN).describe())
                .isEqualTo("at least $0.100000 (some models have no price)");
    }

    @Test
    void aSearchCostsNothingAtAnyPricesSoAStepCostsOnlyItsModelAttempts() {
        Pricing pricing = new Pricing(Map.of(TelemetryRig.QWEN_7B, SEVEN_B));
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        SourceRef pubmed = SourceRef.of("pubmed");
        Attempt searched = Attempt.succeeded(pubmed, 0, at, Duration.ofMillis(80));
        Attempt searchFailed = Attempt.failed(pubmed, ErrorKind.RATE_LIMITED, OptionalInt.of(429), "too many requests",
                Optional.empty(), 0, at, Duration.ofMillis(20));
        Attempt answered = Attempt.succeeded(TelemetryRig.QWEN_7B, null, 0, at, Duration.ofMillis(300))
                .withUsage(TokenUsage.of(59, 52));

        assertThat(pricing.costOf(searched)).isEqualTo(Cost.ZERO);
        assertThat(pricing.costOf(searchFailed)).isEqualTo(Cost.ZERO);
        assertThat(pricing.costOf(List.of(searched, searchFailed, answered)).known()).isEqualByComparingTo("0.00004005");
        assertThat(pricing.costOf(List.of(searched, searchFailed, answered)).complete()).isTrue();
    }

    @Test
    void aRunCostsTheSumOfItsAttemptsAtTheirModelsPricesExactly() {
        Pricing pricing = new Pricing(Map.of(TelemetryRig.QWEN_7B, SEVEN_B,
                TelemetryRig.QWEN_72B, new Price(new BigDecimal("0.90"), new BigDecimal("0.90"))));
        try (TelemetryRig rig = TelemetryRig.start(Scenario.builtIn("hf-outage"), config -> config.withPricing(pricing))) {
            ResearchRun run = rig.get(ResearchRunner.class).run(QUESTION);

            assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
            BigDecimal expected = BigDecimal.ZERO;
            for (StepRecord step : run.result().record().steps()) {
                expected = expected.add(new BigDecimal("0.15").multiply(BigDecimal.valueOf(step.tokens().promptTokens()))
                        .add(new BigDecimal("0.60").multiply(BigDecimal.valueOf(step.tokens().completionTokens())))
                        .divide(BigDecimal.valueOf(1_000_000)));
            }
            Cost cost = run.result().record().cost(pricing);
            assertThat(cost.complete()).isTrue();
            assertThat(cost.known()).isEqualByComparingTo(expected).isPositive();
            List<Attempt> failed = run.result().record().steps().get(0).attempts().stream()
                    .filter(attempt -> attempt.outcome() == Attempt.Outcome.FAILED).toList();
            assertThat(failed).hasSize(3).allSatisfy(attempt -> assertThat(pricing.costOf(attempt)).isEqualTo(Cost.ZERO));
        }
    }

    @Test
    void aModelWithoutAPriceCostsUnknownNeverZero() {
        Pricing onlyTheDeadModel = new Pricing(Map.of(TelemetryRig.QWEN_72B, SEVEN_B));
        try (TelemetryRig rig = TelemetryRig.start(Scenario.builtIn("hf-outage"), config -> config.withPricing(onlyTheDeadModel))) {
            ResearchRun run = rig.get(ResearchRunner.class).run(QUESTION);

            assertThat(run.result().record().cost(onlyTheDeadModel)).isEqualTo(Cost.UNKNOWN);
            assertThat(run.result().record().cost(onlyTheDeadModel).describe()).isEqualTo("unknown");
        }
    }

    @Test
    void noModelIsStartedWhoseWorstCaseExceedsTheCostLeftAndTheRunEndsAsAnExhaustedCostBudget() {
        // Output at $1 per million and prompts free: the plan's worst case is its output cap, the 2000-token budget: $0.002.
        Pricing pricing = answersAtOneDollarPerMillion();
        BigDecimal justShort = new BigDecimal("0.001999999");
        try (TelemetryRig rig = TelemetryRig.start(Scenario.builtIn("hf-outage"), config -> config.withPricing(pricing)
                .withWorkflow(new WorkflowConfig(1, 2000, 1, Optional.of(justShort))))) {
            ResearchRun run = rig.get(ResearchRunner.class).run(QUESTION);

            assertThat(run.result()).isInstanceOf(RunResult.BudgetExhausted.class);
            BudgetExhaustion exhaustion = ((RunResult.BudgetExhausted<?>) run.result()).exhaustion();
            assertThat(exhaustion.resource()).isEqualTo(BudgetExhaustion.Resource.COST);
            assertThat(exhaustion.describe()).isEqualTo("cost budget exhausted: $0.00 of $0.001999999 used");
            assertThat(rig.simulator.requestCount()).isZero();
            assertThat(run.result().record().steps().get(0).attempts()).hasSize(3).allSatisfy(attempt ->
                    assertThat(attempt.skipReason()).contains(SkipReason.COST_BUDGET));
            assertThat(run.result().record().steps().get(0).attempts().get(1).message())
                    .isEqualTo("its worst case, $0.002, exceeds the $0.001999999 left of the cost budget");
        }
    }

    @Test
    void aCallWhoseWorstCaseIsExactlyWhatIsLeftIsStarted() {
        Pricing pricing = answersAtOneDollarPerMillion();
        try (TelemetryRig rig = TelemetryRig.start(Scenario.builtIn("hf-outage"), config -> config.withPricing(pricing)
                .withWorkflow(new WorkflowConfig(1, 2000, 1, Optional.of(new BigDecimal("0.002")))))) {
            ResearchRun run = rig.get(ResearchRunner.class).run(QUESTION);

            StepRecord plan = run.result().record().steps().get(0);
            assertThat(plan.path()).isEqualTo("plan");
            assertThat(plan.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(rig.simulator.requestCount("hf:Qwen/Qwen2.5-72B-Instruct")).isEqualTo(3);
            BigDecimal planCost = BigDecimal.valueOf(plan.tokens().completionTokens()).movePointLeft(6);
            assertThat(plan.cost(pricing).known()).isEqualByComparingTo(planCost);
            assertThat(run.result().record().cost(pricing).known()).isLessThanOrEqualTo(new BigDecimal("0.002"));
        }
    }
}
