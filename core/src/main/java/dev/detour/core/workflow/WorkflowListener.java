package dev.detour.core.workflow;

/**
 * Receives a run's events in order, one at a time.
 *
 * <p>It is called on the thread where the event happened, while other events of the run wait: keep it
 * quick, and do not call back into the run. An exception it throws is logged and otherwise ignored; it
 * never fails the run.
 */
@FunctionalInterface
public interface WorkflowListener {

    void onEvent(WorkflowEvent event);
}
