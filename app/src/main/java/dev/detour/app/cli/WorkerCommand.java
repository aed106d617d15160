package dev.detour.app.cli;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import dev.detour.engine.temporal.TemporalTarget;
import dev.detour.engine.temporal.TemporalWorker;
import dev.detour.engine.temporal.WorkerModels;
import dev.detour.engine.temporal.WorkflowCatalog;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code detour worker}: runs research workflows for Temporal, on the configured task queue, until stopped. */
@Command(name = "worker", description = "Run Detour's workflows for Temporal on the configured task queue until Ctrl-C.",
        mixinStandardHelpOptions = true)
final class WorkerCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    /** What this worker takes from the task queue. */
    enum Serves { all, runs, calls }

    @Option(names = "--serves", paramLabel = "WHAT", defaultValue = "all",
            description = "What to take from the task queue: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); runs"
                    + " interprets workflows and makes no model call, calls makes model calls only.")
    Serves serves;

    WorkerCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
        Session.warnAboutMissingKeys(context, config);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Session session = Session.open(context, config);
                Interruption interruption = Interruption.onInterrupt(stopped::countDown);
                TemporalWorker worker = start(session)) {
            TemporalTarget target = session.get(TemporalTarget.class);
            context.err().println("detour worker: polling task queue " + target.taskQueue() + " for " + serves + " on "
                    + target.target()
                    + " (namespace " + target.namespace() + ") with the chain " + config.chain() + "; Ctrl-C stops it");
            stopped.await();
            context.err().println("detour worker: stopping; runs in progress go on on the other workers");
        }
        return ExitCodes.OK;
    }

    private TemporalWorker start(Session session) {
        TemporalTarget target = session.get(TemporalTarget.class);
        try {
            return TemporalWorker.start(target, session.get(WorkerModels.class), session.get(EvidenceSources.class),
                    session.get(WorkflowCatalog.class), List.of(new RunLines(context.err())),
                    session.get(Telemetry.class).runTracing(), switch (serves) {
                        case all -> TemporalWorker.Serves.RUNS_AND_CALLS;
                        case runs -> TemporalWorker.Serves.RUNS;
                        case calls -> TemporalWorker.Serves.CALLS;
                    });
        } catch (IllegalStateException e) {
            throw Temporal.unreachable(target, e);
        }
    }

    /** One line on standard error when a run this worker executes starts or ends. */
    private record RunLines(PrintStream err) implements WorkflowListener {

        @Override
        public void onEvent(WorkflowEvent event) {
            switch (event) {
                case WorkflowEvent.RunStarted started ->
                        err.println("detour worker: run " + started.runId() + " started (" + started.workflow() + ")");
                case WorkflowEvent.RunCompleted completed -> err.println("detour worker: run " + completed.runId()
                        + " completed (" + completed.modelCalls() + " model calls, " + completed.tokens().totalTokens()
                        + " tokens)");
                case WorkflowEvent.RunFailed failed -> err.println("detour worker: run " + failed.runId() + " ended "
                        + failed.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + failed.message());
                default -> {
                    // Steps and attempts are for the run's follower, not the worker's log.
                }
            }
        }
    }
}
