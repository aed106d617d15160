package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A run read back from a run store: its start, every step it recorded (the latest execution of each),
 * and its end if it had one. Resume it with {@link WorkflowEngine#resume}, or read its record.
 *
 * @param summary how it stands and what it used
 * @param start what it was started with
 * @param steps its step executions, in the order they started
 * @param end how it ended, if it did
 * @param lastSequence the sequence number of its last stored event; a resumed run numbers on from here
 */
public record StoredRun(RunSummary summary, RunStart start, List<StoredStep> steps, Optional<RunEnd> end, long lastSequence) {

    public StoredRun {
        Require.nonNull(summary, "summary");
        Require.nonNull(start, "start");
        steps = Require.nonNull(steps, "steps").stream()
                .sorted(Comparator.comparingLong(StoredStep::startedSequence)).toList();
        Require.nonNull(end, "end");
        Require.notNegative(lastSequence, "lastSequence");
        if (!summary.runId().equals(start.runId())) {
            throw new IllegalArgumentException("summary and start belong to different runs: "
                    + summary.runId() + " and " + start.runId());
        }
    }

    /** The run's id. */
    public String runId() {
        return start.runId();
    }

    /** Whether {@link WorkflowEngine#resume} can continue it: every run but a completed one. */
    public boolean resumable() {
        return summary.status().resumable();
    }

    /** Its record: every stored step, in start order. */
    public RunRecord record() {
        return new RunRecord(runId(), start.workflow(), start.at(),
                steps.stream().map(StoredStep::record).toList(), summary.usage().modelCalls());
    }

    /** How it ended, with its record, as the engine returned it then; empty for an unfinished run. */
    public Optional<RunResult<Object>> result() {
        RunRecord record = record();
        return end.map(ended -> switch (ended.status()) {
            case COMPLETED -> new RunResult.Completed<>(ended.output().orElse(null), record);
            case FAILED -> new RunResult.Failed<>(new RecordedFailure(ended.failure().orElseThrow()),
                    ended.failedStep().orElseThrow(), record);
            case CANCELLED -> new RunResult.Cancelled<>(record);
            case BUDGET_EXHAUSTED -> new RunResult.BudgetExhausted<>(ended.exhaustion().orElseThrow(), record);
        });
    }
}
