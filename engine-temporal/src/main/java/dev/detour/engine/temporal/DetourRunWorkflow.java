package dev.detour.engine.temporal;

import dev.detour.core.model.SourceRef;
import dev.detour.core.workflow.BudgetExhaustedException;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepFailure;
import dev.detour.core.workflow.StepPath;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Temporal workflow of one Detour run: resolves the Detour workflow by name in the worker's catalog,
 * interprets it, and ends with the same outcomes, record and events as the embedded engine. The run's
 * time limit is a workflow timer; cancelling the Temporal workflow cancels the run and its in-flight calls.
 */
final class DetourRunWorkflow implements DetourRun {

    private final WorkflowCatalog catalog;
    private final List<WorkflowListener> listeners;
    private final RunTracing tracing;
    private final HeardEvents heard;
    private final ModelCalls calls;
    private final SourceSearches searches;
    private final List<SourceRef> sources;
    private RunLedger ledger;
    private RunOutcome outcome;

    DetourRunWorkflow(WorkflowCatalog catalog, List<WorkflowListener> listeners, RunTracing tracing, HeardEvents heard,
            CallTimeouts timeouts, List<SourceRef> sources) {
        this.catalog = catalog;
        this.listeners = listeners;
        this.tracing = tracing;
        this.heard = heard;
        this.sources = sources;
        this.calls = Workflow.newActivityStub(ModelCalls.class, activityOptions(timeouts));
        this.searches = Workflow.newActivityStub(SourceSearches.class, activityOptions(timeouts));
    }

    private static ActivityOptions activityOptions(CallTimeouts timeouts) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timeouts.startToClose())
                .setHeartbeatTimeout(timeouts.heartbeat())
                .setCancellationType(ActivityCancellationType.TRY_CANCEL)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .build())
                .build();
    }

    @Override
    public RunOutcome run(RunRequest request) {
        dev.detour.core.workflow.Workflow<Object, Object> workflow = catalog.resolve(request.workflow(), request.settings());
        String runId = Workflow.getInfo().getWorkflowId();
        ledger = new RunLedger(runId, workflow.name(), request.budget(), request.chain(), request.prices(), listeners, tracing, heard,
                request.traceContext());
        Instant start = RunLedger.now();
        ledger.publish((sequence, at) -> new WorkflowEvent.RunStarted(runId, sequence, at, workflow.name()));
        request.budget().timeLimit().ifPresent(limit -> Workflow.newTimer(limit).thenApply(fired -> ledger.exhaustion()));
        try {
            Object output = new Interpreter(ledger, calls, searches, sources, new StepOutputs()).run(workflow, request.input(), StepPath.of());
            RunRecord record = ledger.snapshot();
            Duration duration = Duration.between(start, RunLedger.now());
            ledger.publish((sequence, at) -> new WorkflowEvent.RunCompleted(
                    runId, sequence, at, duration, record.tokens(), record.modelCalls()));
            return outcome(RunStatus.COMPLETED, Optional.ofNullable(output), record, Optional.empty(), Optional.empty(),
                    Optional.empty());
        } catch (Throwable failure) {
            Interpreter.rethrowIfFatal(failure);
            Duration duration = Duration.between(start, RunLedger.now());
            if (ledger.isCancelled()) {
                ledger.publish((sequence, at) -> new WorkflowEvent.RunFailed(
                        runId, sequence, at, RunStatus.CANCELLED, "run cancelled", duration));
                return outcome(RunStatus.CANCELLED, Optional.empty(), ledger.snapshot(), Optional.empty(), Optional.empty(),
                        Optional.empty());
            }
            if (failure instanceof BudgetExhaustedException budget) {
                ledger.reportExhaustion(budget.exhaustion());
                ledger.publish((sequence, at) -> new WorkflowEvent.RunFailed(
                        runId, sequence, at, RunStatus.BUDGET_EXHAUSTED, budget.getMessage(), duration));
                return outcome(RunStatus.BUDGET_EXHAUSTED, Optional.empty(), ledger.snapshot(), Optional.empty(),
                        Optional.empty(), Optional.of(budget.exhaustion()));
            }
            String failedStep = ledger.failedStep().orElse(workflow.name());
            StepFailure summary = StepFailure.of(RunStatus.FAILED, failure);
            ledger.publish((sequence, at) -> new WorkflowEvent.RunFailed(
                    runId, sequence, at, RunStatus.FAILED, failedStep + ": " + summary.message(), duration));
            return outcome(RunStatus.FAILED, Optional.empty(), ledger.snapshot(), Optional.of(failedStep),
                    Optional.of(FailureFacts.of(failure)), Optional.empty());
        }
    }

    private RunOutcome outcome(RunStatus status, Optional<Object> output, RunRecord record, Optional<String> failedStep,
            Optional<FailureFacts> failure, Optional<BudgetExhaustion> exhaustion) {
        outcome = new RunOutcome(status, output, record, failedStep, failure, exhaustion, ledger.events());
        return outcome;
    }

    @Override
    public RunOutcome outcome() {
        return outcome;
    }

    @Override
    public EventPage events(long afterSequence) {
        return new EventPage(ledger == null ? List.of() : ledger.eventsAfter(afterSequence));
    }

    @Override
    public RunRecord record() {
        return ledger == null ? null : ledger.snapshot();
    }
}
