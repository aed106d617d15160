package dev.detour.app.cli;

import dev.detour.app.StartedRun;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.RunOptions;
import dev.detour.engine.temporal.TemporalRun;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalTarget;
import java.util.List;
import java.util.Optional;

/** Reaching the configured Temporal frontend, with its absence turned into a usage problem that says what to do. */
final class Temporal {

    private Temporal() {}

    static TemporalRuns connect(TemporalTarget target) {
        try {
            return TemporalRuns.connect(target);
        } catch (IllegalStateException e) {
            throw unreachable(target, e);
        }
    }

    /** Starts {@code question} on the configured Temporal task queue, and follows it from here. */
    static StartedRun start(Session session, String question, RunOptions options) {
        ResearchRunner runner = session.get(ResearchRunner.class);
        TemporalTarget target = session.get(TemporalTarget.class);
        TemporalRuns runs = connect(target);
        TemporalRun<ResearchOutcome> run;
        try {
            run = runs.start(ResearchWorkflow.NAME, question, Optional.of(runner.settings()), List.of(),
                    session.get(Telemetry.class).currentTraceContext(), session.config().pricing(), options);
        } catch (RuntimeException e) {
            runs.close();
            throw new UsageProblem("detour: could not start the run on Temporal at " + target.target() + " ("
                    + e.getMessage() + "); is a `detour worker` polling task queue " + target.taskQueue() + "?");
        }
        return StartedRun.onTemporal(run, runs::close);
    }

    static UsageProblem unreachable(TemporalTarget target, RuntimeException e) {
        return new UsageProblem("detour: no Temporal frontend answers at " + target.target()
                + "; start one (temporal server start-dev) or point temporal.target in the configuration at yours");
    }
}
