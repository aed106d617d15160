package dev.detour.engine.temporal;

import io.temporal.workflow.Workflow;

/**
 * Holds step code to the rule that it is deterministic apart from its model calls: the first time a step
 * completes, a digest of its output goes into the run's history; when the step runs again on replay, its
 * output must have the same digest, else the workflow task fails with a message naming the step.
 */
final class StepOutputs {

    void check(String path, Object output) {
        String digest = output == null ? "null" : DetourJson.fingerprint(output);
        String recorded = Workflow.sideEffect(String.class, () -> digest);
        if (!recorded.equals(digest)) {
            throw new NondeterministicStepError(path);
        }
    }

    /** A step returned another output on replay than when it first ran. */
    static final class NondeterministicStepError extends Error {

        private static final long serialVersionUID = 1L;

        NondeterministicStepError(String path) {
            super("step " + path + " returned a different output on replay than when it first ran: step code must be"
                    + " deterministic apart from its model calls (no clock, random source, environment or file outside"
                    + " its context; see dev.detour.core.workflow.Step)");
        }
    }
}
