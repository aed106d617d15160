package dev.detour.app.server;

import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.engine.temporal.TemporalRun;

/** A research run this server started, on the embedded engine or on Temporal: wait for it, look at it, or cancel it. */
interface StartedRun {

    /** Waits for the run to end; every event has reached its listeners when it returns. */
    RunResult<ResearchOutcome> await() throws InterruptedException;

    /** Asks the run to stop; returns at once. */
    void cancel();

    /** The record of the steps that have ended so far. */
    RunRecord recordSoFar();

    /** Whether the run goes on without this server (on Temporal's workers), so a shutdown leaves it running. */
    boolean outlivesTheServer();

    /** A run of the embedded engine, in this process. */
    static StartedRun of(RunHandle<ResearchOutcome> handle) {
        return new StartedRun() {
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
            public boolean outlivesTheServer() {
                return false;
            }
        };
    }

    /** A run on Temporal, followed from this process: its record is asked of the workers. */
    static StartedRun of(TemporalRun<ResearchOutcome> run) {
        return new StartedRun() {
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
            public boolean outlivesTheServer() {
                return true;
            }
        };
    }
}
