package dev.detour.core.workflow;

/**
 * One unit of work: turns a typed input into a typed output, calling models through its
 * {@link StepContext}. Wrap it with {@link Workflow#step(String, Step)} to compose it.
 *
 * <p>A step should return plain values (records) so a run record can be persisted, and should let model
 * failures it cannot handle propagate: the engine records them and keeps every earlier output.
 */
@FunctionalInterface
public interface Step<I, O> {

    /** Does the work for {@code input}. */
    O execute(I input, StepContext context) throws Exception;
}
