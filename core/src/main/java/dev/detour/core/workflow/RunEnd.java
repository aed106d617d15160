package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * How a run ended, as a run store keeps it.
 *
 * @param runId the run's id
 * @param status how it ended
 * @param output the workflow's output, for a completed run
 * @param failedStep the path of the step that failed, for a failed run
 * @param failure why it failed, for a failed run
 * @param exhaustion the budget limit that ran out, if one did (a workflow may complete after that, with what it had)
 * @param usage what the run used of its budget
 * @param at when it ended
 */
public record RunEnd(String runId, RunStatus status, Optional<Object> output, Optional<String> failedStep,
        Optional<StepFailure> failure, Optional<BudgetExhaustion> exhaustion, BudgetUsage usage, Instant at) {

    public RunEnd {
        Require.nonBlank(runId, "runId");
        Require.nonNull(status, "status");
        Require.nonNull(output, "output");
        Require.nonNull(failedStep, "failedStep");
        Require.nonNull(failure, "failure");
        Require.nonNull(exhaustion, "exhaustion");
        Require.nonNull(usage, "usage");
        Require.nonNull(at, "at");
        if ((status == RunStatus.FAILED) != (failedStep.isPresent() && failure.isPresent())) {
            throw new IllegalArgumentException("a run end names its failed step and failure exactly when it FAILED, was "
                    + status + " with " + failedStep + " and " + failure);
        }
        if (status == RunStatus.BUDGET_EXHAUSTED && exhaustion.isEmpty()) {
            throw new IllegalArgumentException("a run that ended BUDGET_EXHAUSTED names the limit that ran out");
        }
    }

    static RunEnd of(RunResult<?> result, Optional<BudgetExhaustion> exhaustion, BudgetUsage usage, Instant at) {
        String runId = result.record().runId();
        return switch (result) {
            case RunResult.Completed<?> completed -> new RunEnd(runId, RunStatus.COMPLETED,
                    Optional.ofNullable(completed.value()), Optional.empty(), Optional.empty(), exhaustion, usage, at);
            case RunResult.Failed<?> failed -> new RunEnd(runId, RunStatus.FAILED, Optional.empty(),
                    Optional.of(failed.failedStep()), Optional.of(StepFailure.of(RunStatus.FAILED, failed.failure())),
                    exhaustion, usage, at);
            case RunResult.Cancelled<?> cancelled -> new RunEnd(runId, RunStatus.CANCELLED, Optional.empty(),
                    Optional.empty(), Optional.empty(), exhaustion, usage, at);
            case RunResult.BudgetExhausted<?> exhausted -> new RunEnd(runId, RunStatus.BUDGET_EXHAUSTED,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(exhausted.exhaustion()), usage, at);
        };
    }
}
