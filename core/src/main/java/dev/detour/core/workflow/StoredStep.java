package dev.detour.core.workflow;

import dev.detour.core.internal.Require;

/**
 * One step execution as a run store keeps it.
 *
 * @param startedSequence the sequence number of its {@code StepStarted} event: the order of steps in the run
 * @param occurrence how many executions of the same path came before it in its session (0 for the first),
 *     so a step that runs twice at one path is told apart
 * @param record what it did
 * @param replayable whether a resume may return its output instead of running it again: only for a step
 *     that completed with no cancellation and no model call refused, ended or cut short by the budget
 */
public record StoredStep(long startedSequence, int occurrence, StepRecord record, boolean replayable) {

    public StoredStep {
        Require.positive(startedSequence, "startedSequence");
        Require.notNegative(occurrence, "occurrence");
        Require.nonNull(record, "record");
        if (replayable && record.status() != RunStatus.COMPLETED) {
            throw new IllegalArgumentException("only a completed step is replayable, was " + record.status());
        }
    }
}
