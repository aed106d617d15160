package dev.detour.app;

import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.engine.temporal.TemporalRun;
import java.util.Optional;

/**
 * A research run a command or the server started, in this process or on Temporal: wait for it, look at
 * what it has done so far, or cancel it.
 */
public interface StartedRun extends AutoCloseable {

    /** The run's id. */
    String runId();

    /** Waits for the run to end; every event has reached the options' listeners when it returns. */
    RunResult<ResearchOutcome> await() throws InterruptedException;

    /** Asks the run to stop; returns at once. */
    void cancel();

    /** The record of the steps that have ended so far (for a run on Temporal, asked of its workers). */
    RunRecord recordSoFar();

    /**
     * Whether the run runs in this process, written to its run store if it has one (so {@code detour resume}
     * can continue it); false for a run on Temporal, which holds it and goes on with it without this process.
     */
    boolean storedHere();

    /** The first failure of this process's run store while the run was written to it, if there was one. */
    Optional<RuntimeException> storeFailure();

    /** Lets go of what following the run took, such as a connection to Temporal. */
    @Override
    default void close() {}

    /** A run of the embedded engine, in this process. */
    static StartedRun of(RunHandle<ResearchOutcome> handle) {
        return new StartedRun() {
            @Override
            public String runId() {
                return handle.runId();
            }

            @Override
            public RunResult<ResearchOutcome> await() throws InterruptedException {
                return handle.await();
            }

            @Override
            public void cancel() {
                handle.cancel();
            }

            @Override
            public RunRecord recordSoFar() {
                return handle.recordSoFar();
            }

            @Override
            public boolean storedHere() {
                return true;
            }

            @Override
            public Optional<RuntimeException> storeFailure() {
                return handle.storeFailure();
            }
        };
    }

    /** A run on Temporal, followed from this process; {@code closing} runs when it is closed. */
    static StartedRun onTemporal(TemporalRun<ResearchOutcome> run, Runnable closing) {
        return new StartedRun() {
            @Override
            public String runId() {
                return run.runId();
            }

            @Override
            public RunResult<ResearchOutcome> await() throws InterruptedException {
                return run.await();
            }

            @Override
            public void cancel() {
                run.cancel();
            }

            @Override
            public RunRecord recordSoFar() {
                return run.recordSoFar();
            }

            @Override
            public boolean storedHere() {
                return false;
            }

            @Override
            public Optional<RuntimeException> storeFailure() {
                return Optional.empty();
            }

            @Override
            public void close() {
                closing.run();
            }
        };
    }
}
