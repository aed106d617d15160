package dev.detour.app.cli;

import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.engine.temporal.TemporalRun;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalTarget;
import java.util.Optional;

/** A research run a command started, in this process or on Temporal: wait for it or cancel it. */
interface StartedRun extends AutoCloseable {

    /** The run's id. */
    String runId();

    /** Waits for the run to end; every event has reached the options' listeners when it returns. */
    RunResult<ResearchOutcome> await() throws InterruptedException;

    /** Asks the run to stop; returns at once. */
    void cancel();

    /** Whether this process's run store holds the run, so that {@code detour resume} can continue it. */
    boolean storedHere();

    /** The first failure of this process's run store while the run was written to it, if there was one. */
    Optional<RuntimeException> storeFailure();

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
            public boolean storedHere() {
                return true;
            }

            @Override
            public Optional<RuntimeException> storeFailure() {
                return handle.storeFailure();
            }
        };
    }

    /** Starts {@code question} on the configured Temporal task queue, and follows it from here. */
    static StartedRun onTemporal(Session session, String question, RunOptions options) {
        ResearchRunner runner = session.get(ResearchRunner.class);
        TemporalTarget target = session.get(TemporalTarget.class);
        TemporalRuns runs = Temporal.connect(target);
        TemporalRun<ResearchOutcome> run;
        try {
            run = runs.start(ResearchWorkflow.NAME, question, Optional.of(runner.settings()), options);
        } catch (RuntimeException e) {
            runs.close();
            throw new UsageProblem("detour: could not start the run on Temporal at " + target.target() + " ("
                    + e.getMessage() + "); is a `detour worker` polling task queue " + target.taskQueue() + "?");
        }
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
            public boolean storedHere() {
                return false;
            }

            @Override
            public Optional<RuntimeException> storeFailure() {
                return Optional.empty();
            }

            @Override
            public void close() {
                runs.close();
            }
        };
    }
}
