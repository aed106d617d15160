/**
 * The workflow engine: typed {@link dev.detour.core.workflow.Step steps} composed into
 * {@link dev.detour.core.workflow.Workflow workflows} (sequence, loop-until, bounded-parallel map), run
 * by the {@link dev.detour.core.workflow.WorkflowEngine} on virtual threads under a
 * {@link dev.detour.core.workflow.Budget}, with an ordered stream of
 * {@link dev.detour.core.workflow.WorkflowEvent events} and a {@link dev.detour.core.workflow.RunRecord}
 * that keeps every step's input and output, even when a later step fails. An engine with a
 * {@link dev.detour.core.workflow.RunStore} stores every run (values go through a
 * {@link dev.detour.core.workflow.ValueCodec}) and can resume one after a crash, an interrupt or an
 * exhausted budget without repeating a completed step.
 */
package dev.detour.core.workflow;
