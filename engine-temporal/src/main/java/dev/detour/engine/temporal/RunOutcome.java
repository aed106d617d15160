package dev.detour.engine.temporal;

import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.WorkflowEvent;
import java.util.List;
import java.util.Optional;

/**
 * How a run on Temporal ended, as plain values: the Temporal workflow's result, turned back into a
 * {@link RunResult} on the client.
 *
 * @param status how it ended
 * @param output the workflow's output, if it completed
 * @param record every step it ran
 * @param failedStep the path of the step that failed, for a failed run
 * @param failure what failed it, for a failed run
 * @param exhaustion which limit ran out, for a run out of budget
 * @param events every event of the run, in order
 */
public record RunOutcome(RunStatus status, Optional<Object> output, RunRecord record, Optional<String> failedStep,
        Optional<FailureFacts> failure, Optional<BudgetExhaustion> exhaustion, List<WorkflowEvent> events) {

    @SuppressWarnings("unchecked")
    <O> RunResult<O> result() {
        return switch (status) {
            case COMPLETED -> new RunResult.Completed<>((O) output.orElse(null), record);
            case FAILED -> new RunResult.Failed<>(failure.orElseThrow().exception(), failedStep.orElseThrow(), record);
            case CANCELLED -> new RunResult.Cancelled<>(record);
            case BUDGET_EXHAUSTED -> new RunResult.BudgetExhausted<>(exhaustion.orElseThrow(), record);
        };
    }
}
