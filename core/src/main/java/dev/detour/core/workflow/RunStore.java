package dev.detour.core.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where runs outlive the process that runs them: the engine records each run's start, every step's end,
 * every event and the run's end, and {@link WorkflowEngine#resume} continues a stored run from it.
 * Implementations live in {@code store-*} modules; {@link #none()} stores nothing.
 *
 * <p>A step's end must be durable when {@link #stepEnded} returns: the engine starts no step that
 * depends on it before. Events may be buffered, as long as those published before a step's end are
 * stored with it. Every method may be called from several threads, and several processes may share one
 * store. Failures are {@link RunStoreException}s whose message names the store and what to do.
 */
public interface RunStore extends AutoCloseable {

    /** A run began. */
    void runStarted(RunStart start);

    /** A stored run goes on, under {@code budget}; it is unfinished again until it ends. */
    void runResumed(String runId, Budget budget, Instant at);

    /**
     * A step ended, completed or not; {@code usage} is what the run has used so far. Durable when it
     * returns, with every event published before it.
     */
    void stepEnded(String runId, StoredStep step, BudgetUsage usage);

    /** An event was published; events of one run arrive in sequence order. */
    void eventPublished(WorkflowEvent event);

    /** The run ended; durable when it returns, with every event before it. */
    void runEnded(RunEnd end);

    /** The run {@code runId}, if the store has it. */
    Optional<StoredRun> find(String runId);

    /** Every stored event of the run {@code runId}, in sequence order. */
    List<WorkflowEvent> events(String runId);

    /** The runs {@code query} asks for, newest first. */
    List<RunSummary> list(RunQuery query);

    /** Deletes every run that started before {@code cutoff}, with its steps and events; how many were deleted. */
    int deleteStartedBefore(Instant cutoff);

    /** Writes what is buffered and lets go of the store. */
    @Override
    void close();

    /** A store that keeps nothing: runs cannot be resumed or listed. */
    static RunStore none() {
        return NoRunStore.INSTANCE;
    }
}
