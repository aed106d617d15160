package dev.detour.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalWorker;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cost budget ({@code workflow.cost-budget}) and a run's own chain on Temporal's in-memory test server,
 * through the app's real chains and prices: the cost budget stops a run where the embedded engine stops it,
 * and a worker refuses a named chain of a provider it does not have.
 */
class BudgetsAndChainsOnTemporalTest {

    private static final String QUESTION = "Why do tides happen twice a day?";

    @RegisterExtension
    static final InMemoryTemporal TEMPORAL = new InMemoryTemporal();

    /** Every chain model at $1 per million answer tokens and free prompts: a call's worst case is its output cap. */
    private static UnaryOperator<DetourConfig> pricedWithCostBudget(String dollars) {
        Price price = new Price(BigDecimal.ZERO, BigDecimal.ONE);
        Pricing pricing = new Pricing(Map.of(SimulatedDetour.CHAIN.get(0), price, SimulatedDetour.CHAIN.get(1), price));
        return config -> config.withPricing(pricing)
                .withWorkflow(new WorkflowConfig(2, 2000, 1, Optional.of(new BigDecimal(dollars))));
    }

    @ParameterizedTest(name = "cost budget ${0}")
    @ValueSource(strings = {"0.001999999", "0.0021", "0.004"})
    void theCostBudgetStopsARunOnTemporalWhereItStopsItOnTheEmbeddedEngine(String dollars) throws Exception {
        Scenario incident = Scenario.builtIn("hf-outage");
        ResearchRun embedded;
        Map<String, Long> embeddedRequests;
        try (ProviderSimulator simulator = ProviderSimulator.start(incident);
                SimulatedDetour detour = SimulatedDetour.on(simulator, Duration.ofSeconds(5), pricedWithCostBudget(dollars))) {
            embedded = detour.research().run(QUESTION);
            embeddedRequests = requestCounts(simulator);
        }

        try (ProviderSimulator simulator = ProviderSimulator.start(incident);
                SimulatedDetour detour = SimulatedDetour.on(simulator, Duration.ofSeconds(5), pricedWithCostBudget(dollars));
                TemporalWorker worker = worker(detour)) {
            RunOptions options = detour.research().defaultOptions();
            assertThat(options.budget().maxCost()).contains(new BigDecimal(dollars));
            RunResult<ResearchOutcome> onTemporal = TemporalRuns.on(TEMPORAL.client(), worker.taskQueue())
                    .<ResearchOutcome>start(ResearchWorkflow.NAME, QUESTION, Optional.of(detour.research().settings()), options)
                    .await(Duration.ofMinutes(1)).orElseThrow();

            assertThat(onTemporal.status()).isEqualTo(embedded.result().status());
            assertThat(ResearchOnTemporalTest.ledger(onTemporal.record().attempts())).isEqualTo(ResearchOnTemporalTest.ledger(embedded.result().record().attempts()));
            assertThat(requestCounts(simulator)).isEqualTo(embeddedRequests);
            Pricing pricing = detour.workerModels().pricing();
            assertThat(onTemporal.record().cost(pricing)).isEqualTo(embedded.result().record().cost(pricing));
            if (onTemporal instanceof RunResult.BudgetExhausted<ResearchOutcome> exhausted) {
                assertThat(exhausted.exhaustion())
                        .isEqualTo(((RunResult.BudgetExhausted<?>) embedded.result()).exhaustion());
            }
            if (dollars.equals("0.001999999")) {
                assertThat(((RunResult.BudgetExhausted<?>) onTemporal).exhaustion().resource())
                        .isEqualTo(BudgetExhaustion.Resource.COST);
                assertThat(simulator.requestCount()).as("no model was started whose worst case exceeds the cost left").isZero();
                assertThat(onTemporal.record().attempts()).allSatisfy(attempt ->
                        assertThat(attempt.skipReason()).contains(SkipReason.COST_BUDGET));
            } else {
                assertThat(simulator.requestCount()).isPositive();
            }
        }
    }

    @Test
    void aWorkerRefusesAChainNamingAProviderItDoesNotHaveAndTheRunFailsSayingSo() throws Exception {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"));
                SimulatedDetour detour = SimulatedDetour.on(simulator, Duration.ofSeconds(5));
                TemporalWorker worker = worker(detour)) {
            RunResult<ResearchOutcome> result = runOnChain(worker, detour, ModelRef.parse("openai:gpt-4o-mini"));

            assertThat(result.status()).isEqualTo(RunStatus.FAILED);
            assertThat(((RunResult.Failed<?>) result).failure().getMessage())
                    .contains("names a chain this worker cannot call", "\"openai\"");
            assertThat(simulator.requestCount()).isZero();
        }
    }

    @Test
    void aChainTheRunNamesIsBuiltOnTheWorkerFromItsOwnProviders() throws Exception {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"));
                SimulatedDetour detour = SimulatedDetour.on(simulator, Duration.ofSeconds(5));
                TemporalWorker worker = worker(detour)) {
            RunResult<ResearchOutcome> result = runOnChain(worker, detour, SimulatedDetour.CHAIN.get(1));

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(result.record().attempts()).extracting(Attempt::model).containsOnly(SimulatedDetour.CHAIN.get(1));
            assertThat(simulator.requestsFor(SimulatedDetour.CHAIN.get(0).toString())).isEmpty();
        }
    }

    private static RunResult<ResearchOutcome> runOnChain(TemporalWorker worker, SimulatedDetour detour, ModelRef model)
            throws InterruptedException {
        return TemporalRuns.on(TEMPORAL.client(), worker.taskQueue())
                .<ResearchOutcome>start(ResearchWorkflow.NAME, QUESTION, Optional.of(detour.research().settings()),
                        List.of(model), RunOptions.defaults())
                .await(Duration.ofMinutes(1)).orElseThrow();
    }

    private static TemporalWorker worker(SimulatedDetour detour) {
        return TemporalWorker.start(TEMPORAL.client(), "budgets-" + UUID.randomUUID(), detour.workerModels(),
                EvidenceSources.none(), detour.catalog(), List.of());
    }

    private static Map<String, Long> requestCounts(ProviderSimulator simulator) {
        return Map.of(SimulatedDetour.CHAIN.get(0).toString(), simulator.requestCount(SimulatedDetour.CHAIN.get(0).toString()),
                SimulatedDetour.CHAIN.get(1).toString(), simulator.requestCount(SimulatedDetour.CHAIN.get(1).toString()));
    }
}
