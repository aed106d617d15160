package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 15: a run's time limit that passes while a model call is under way ends that call as an
 * exhausted budget, which the research workflow reacts to, never as a run failed for want of models.
 */
class TimeBudgetMidCallTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final String PLAN = "You plan research";
    private static final String SYNTHESIS = "You write the answer section";

    private ChainRig rig;

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    /**
     * A chain of two models on a clock at real time: the request of the step whose body holds {@code marker}
     * fails with HTTP 500 and, while it does, the clock passes the run's one-minute time limit.
     */
    private RunOptions timeRunsOutDuring(String marker) {
        rig = ChainRig.start(Instant.now(), ChainRig.resilience(0, 3), WorkflowConfig.defaults(), "primary", "secondary");
        rig.provider.answering(request -> request.body().contains(marker),
                FakeProvider.error(500, "{\"error\":\"upstream error\"}"));
        rig.provider.beforeAnswering(request -> {
            if (request.body().contains(marker)) {
                rig.clock.advance(Duration.ofMinutes(2));
            }
        });
        return RunOptions.defaults().withBudget(Budget.unlimited().withTimeLimit(Duration.ofMinutes(1)));
    }

    @Test
    void aTimeLimitThatPassesDuringThePlanCallEndsTheRunAsBudgetExhausted() {
        RunOptions options = timeRunsOutDuring(PLAN);

        ResearchRun run = rig.research().run(QUESTION, options);

        assertThat(run.result()).isInstanceOfSatisfying(RunResult.BudgetExhausted.class, exhausted ->
                assertThat(exhausted.exhaustion().resource()).isEqualTo(BudgetExhaustion.Resource.TIME));
        assertThat(rig.provider.requestsFor("secondary")).as("no model is called once the time is up").isZero();
    }

    @Test
    void aTimeLimitThatPassesDuringSynthesisStillReportsTheFindings() {
        RunOptions options = timeRunsOutDuring(SYNTHESIS);

        ResearchRun run = rig.research().run(QUESTION, options);

        assertThat(run.result()).isInstanceOf(RunResult.Completed.class);
        ResearchOutcome outcome = (ResearchOutcome) run.result().output().orElseThrow();
        assertThat(outcome.synthesis()).isEmpty();
        assertThat(outcome.state().findings()).hasSize(3).allSatisfy(finding ->
                assertThat(finding.isAnswered()).isTrue());
        assertThat(outcome.limitations()).anySatisfy(limitation ->
                assertThat(limitation).startsWith("The budget ran out before synthesis (time limit exhausted"));
        assertThat(run.report().markdown()).contains("Answer from primary.");
    }
}
