package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of a run store's listing: which run, when, how it stands and what it used.
 *
 * @param runId the run's id
 * @param workflow the workflow's name
 * @param title a one-line description of the input, such as the research question
 * @param started when the run began
 * @param status how it stands
 * @param usage what it used of its budget, as of its last stored step
 * @param ended when it ended, if it did
 */
public record RunSummary(String runId, String workflow, String title, Instant started, Status status,
        BudgetUsage usage, Optional<Instant> ended) {

    /** How a stored run stands. */
    public enum Status {
        /** No end was recorded: it is running, or its process stopped (a crash, a kill). It can be resumed. */
        UNFINISHED,
        /** It completed within its budget. It cannot be resumed. */
        COMPLETED,
        /** A step failed. It can be resumed. */
        FAILED,
        /** It was cancelled, such as by Ctrl-C. It can be resumed. */
        CANCELLED,
        /** A budget limit ran out, whether or not the workflow completed with what it had. It can be resumed with a larger budget. */
        BUDGET_EXHAUSTED;

        /** How a run that ended with {@code status} stands, given whether a budget limit ran out on the way. */
        public static Status of(RunStatus status, boolean budgetRanOut) {
            Require.nonNull(status, "status");
            if (budgetRanOut) {
                return BUDGET_EXHAUSTED;
            }
            return switch (status) {
                case COMPLETED -> COMPLETED;
                case FAILED -> FAILED;
                case CANCELLED -> CANCELLED;
                case BUDGET_EXHAUSTED -> BUDGET_EXHAUSTED;
            };
        }

        /** Whether a run in this state can be resumed. */
        public boolean resumable() {
            return this != COMPLETED;
        }
    }

    public RunSummary {
        Require.nonBlank(runId, "runId");
        Require.nonBlank(workflow, "workflow");
        Require.nonNull(title, "title");
        Require.nonNull(started, "started");
        Require.nonNull(status, "status");
        Require.nonNull(usage, "usage");
        Require.nonNull(ended, "ended");
    }
}
