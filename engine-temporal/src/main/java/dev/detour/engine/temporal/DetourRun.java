package dev.detour.engine.temporal;

import dev.detour.core.workflow.RunRecord;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The Temporal workflow that runs one Detour workflow, and the queries that follow it. */
@WorkflowInterface
public interface DetourRun {

    /** The workflow type's name in histories and on task queues. */
    String TYPE = "DetourRun";

    /** Runs the workflow the request names and returns how it ended. */
    @WorkflowMethod(name = TYPE)
    RunOutcome run(RunRequest request);

    /** The run's events with a sequence number above {@code afterSequence}. */
    @QueryMethod(name = "events")
    EventPage events(long afterSequence);

    /**
     * How the run ended, once it has; null before. A cancelled run's Temporal workflow ends cancelled, so
     * its outcome is read here rather than from the workflow's result.
     */
    @QueryMethod(name = "outcome")
    RunOutcome outcome();

    /** The record of the steps that have ended so far. */
    @QueryMethod(name = "record")
    RunRecord record();
}
