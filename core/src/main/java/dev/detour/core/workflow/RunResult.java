package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.Optional;

/**
 * How a run ended, with its record. Every outcome keeps the record of the steps that ran, so nothing a
 * run produced is lost when it does not complete.
 */
public sealed interface RunResult<O> {

    /** The record of every step that ran. */
    RunRecord record();

    /** How the run ended. */
    RunStatus status();

    /** The workflow's output, if the run completed. */
    Optional<O> output();

    /**
     * The run produced its output.
     *
     * @param value the workflow's output
     */
    record Completed<O>(O value, RunRecord record) implements RunResult<O> {
        public Completed {
            Require.nonNull(record, "record");
        }

        @Override
        public RunStatus status() {
            return RunStatus.COMPLETED;
        }

        @Override
        public Optional<O> output() {
            return Optional.ofNullable(value);
        }
    }

    /**
     * A step failed and the workflow did not handle it.
     *
     * @param failure what the failing step threw, such as an {@code AllModelsFailedError}
     * @param failedStep the path of the step that failed
     */
    record Failed<O>(Throwable failure, String failedStep, RunRecord record) implements RunResult<O> {
        public Failed {
            Require.nonNull(failure, "failure");
            Require.nonNull(failedStep, "failedStep");
            Require.nonNull(record, "record");
        }

        @Override
        public RunStatus status() {
            return RunStatus.FAILED;
        }

        @Override
        public Optional<O> output() {
            return Optional.empty();
        }
    }

    /** The run was cancelled; it made no model call after that. */
    record Cancelled<O>(RunRecord record) implements RunResult<O> {
        public Cancelled {
            Require.nonNull(record, "record");
        }

        @Override
        public RunStatus status() {
            return RunStatus.CANCELLED;
        }

        @Override
        public Optional<O> output() {
            return Optional.empty();
        }
    }

    /** The budget ran out and the workflow did not handle it. */
    record BudgetExhausted<O>(BudgetExhaustion exhaustion, RunRecord record) implements RunResult<O> {
        public BudgetExhausted {
            Require.nonNull(exhaustion, "exhaustion");
            Require.nonNull(record, "record");
        }

        @Override
        public RunStatus status() {
            return RunStatus.BUDGET_EXHAUSTED;
        }

        @Override
        public Optional<O> output() {
            return Optional.empty();
        }
    }
}
