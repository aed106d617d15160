/**
 * Detour workflows on Temporal: {@link dev.detour.engine.temporal.TemporalWorker} runs the same
 * {@link dev.detour.core.workflow.Workflow} definitions the embedded engine runs, interpreted as a
 * Temporal workflow with every model call an activity, and {@link dev.detour.engine.temporal.TemporalRuns}
 * starts runs there and follows them.
 *
 * <p>Step code runs inside the Temporal workflow and is replayed to rebuild a run's state, so it must be
 * deterministic apart from its model calls (see {@link dev.detour.core.workflow.Step}): a step whose
 * output differs on replay fails its workflow task with a message naming the step.
 */
package dev.detour.engine.temporal;
