package dev.detour.core.workflow;

/**
 * One unit of work: turns a typed input into a typed output, calling models through its
 * {@link StepContext}. Wrap it with {@link Workflow#step(String, Step)} to compose it.
 *
 * <p>A step should return plain values (records) so a run record can be persisted, and should let model
 * failures it cannot handle propagate: the engine records them and keeps every earlier output.
 *
 * <p>A step must have no side effect beyond its model calls. When a stored run is
 * {@link WorkflowEngine#resume resumed}, a completed step returns its recorded output without running,
 * but a step that was running when the process stopped runs again from its start: a file it wrote or a
 * message it sent would be written or sent twice.
 *
 * <p>A step must also be deterministic apart from its model calls: given the same input and the same
 * answers, it returns the same output. A distributed engine (Temporal) replays step code to rebuild a
 * run's state, so a step must not read the clock, a random source, the environment or a file outside its
 * context: take time and randomness from the input, and everything else from model calls.
 */
@FunctionalInterface
public interface Step<I, O> {

    /** Does the work for {@code input}. */
    O execute(I input, StepContext context) throws Exception;
}
