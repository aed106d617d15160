package dev.detour.app.cli;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.core.cost.Pricing;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code detour run}: researches a question through the chain and writes the report. */
@Command(name = "run", description = "Research QUESTION through the chain of models and write a report.",
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    /** How the report is written. */
    enum Format { markdown, json }

    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUESTION", description = "The question to research.")
    String question;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--max-iterations", paramLabel = "N", description = "Most judge-and-refine rounds (default: workflow.max-iterations).")
    Integer maxIterations;

    @Option(names = "--token-budget", paramLabel = "N", description = "Most tokens the run may use (default: workflow.token-budget).")
    Long tokenBudget;

    @Option(names = "--cost-budget", paramLabel = "DOLLARS",
            description = "Most dollars the run may cost at the configured prices (default: workflow.cost-budget, none).")
    String costBudget;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (question == null || question.isBlank()) {
            throw new UsageProblem("detour run: give the question to research, such as: detour run \"Why do tides happen twice a day?\"");
        }
        if (output == null) {
            progress.requireEventsOffStandardOutput("run");
        }
        Overrides overrides = Overrides.none();
        if (maxIterations != null) {
            overrides = overrides.withMaxIterations(maxIterations);
        }
        if (costBudget != null) {
            overrides = overrides.withCostBudget(costBudget);
        }
        if (tokenBudget != null) {
            overrides = overrides.withTokenBudget(tokenBudget);
        }
        DetourConfig config = Session.loadConfig(context, configOptions, overrides);
        Session.warnAboutMissingKeys(context, config);
        try (Session session = Session.open(context, config)) {
            return exitCode(research(session, question.strip(), new ReportSink(context, output, format), progress));
        }
    }

    /** Runs the research workflow, writes its report and explains a failure; the run, for its exit code. */
    static ResearchRun research(Session session, String question, ReportSink sink, ProgressOptions progress) {
        CliContext context = sink.context();
        ResearchRunner runner = session.get(ResearchRunner.class);
        RunOptions options = runner.defaultOptions();
        if (!progress.quiet) {
            options = options.withListener(new ProgressDisplay(context.err(), context.interactive()));
        }
        try (EventTarget eventTarget = EventTarget.open(context, progress.events, session.config().pricing())) {
            if (eventTarget.log() != null) {
                options = options.withListener(eventTarget.log());
            }
            RunHandle<ResearchOutcome> handle = runner.start(question, runner.settings(), options);
            RunResult<ResearchOutcome> result;
            try (Interruption interruption = Interruption.onInterrupt(handle::cancel)) {
                result = awaitUninterruptibly(handle);
                ResearchRun run = new ResearchRun(question, result, ResearchReport.of(question, result));
                sink.write(run);
                explainFailure(context, session.config(), result);
                if (!session.config().pricing().prices().isEmpty()) {
                    context.err().println("detour: the run cost " + result.record().cost(session.config().pricing()).describe()
                            + " at the configured prices.");
                }
                if (result.status() == dev.detour.core.workflow.RunStatus.COMPLETED && !run.report().complete()) {
                    context.err().println("detour: the report is incomplete: " + String.join(" ", run.report().limitations())
                            + " Raise --token-budget (workflow.token-budget) if the budget ran out.");
                }
                return run;
            }
        }
    }

    /** 0 for a complete report, 130 for an interrupted run, 1 for a failed run or an incomplete report. */
    static int exitCode(ResearchRun run) {
        return switch (run.result().status()) {
            case COMPLETED -> run.report().complete() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
            case CANCELLED -> ExitCodes.INTERRUPTED;
            case FAILED, BUDGET_EXHAUSTED -> ExitCodes.RUN_FAILED;
        };
    }

    private static RunResult<ResearchOutcome> awaitUninterruptibly(RunHandle<ResearchOutcome> handle) {
        while (true) {
            try {
                return handle.await();
            } catch (InterruptedException e) {
                handle.cancel();
            }
        }
    }

    private static void explainFailure(CliContext context, DetourConfig config, RunResult<ResearchOutcome> result) {
        PrintStream err = context.err();
        switch (result) {
            case RunResult.Failed<ResearchOutcome> failed -> {
                err.println("detour: the run failed at step " + failed.failedStep() + ".");
                if (failed.failure() instanceof AllModelsFailedError all) {
                    err.println("Every model of the chain failed:");
                    err.print(new FailureHints(provider -> config.provider(provider)
                            .flatMap(p -> p.tokenEnv()).orElse(null)).render(all.attempts()));
                } else if (failed.failure() instanceof ModelCallException modelFailure) {
                    err.println(modelFailure.getMessage());
                    err.println("What to do: " + modelFailure.kind().hint());
                } else {
                    err.println(failed.failure());
                }
            }
            case RunResult.BudgetExhausted<ResearchOutcome> exhausted ->
                    err.println("detour: the run stopped: " + exhausted.exhaustion().describe() + "; raise "
                            + (exhausted.exhaustion().resource() == BudgetExhaustion.Resource.COST
                                    ? "--cost-budget" : "--token-budget") + " to let it finish.");
            case RunResult.Cancelled<ResearchOutcome> cancelled ->
                    err.println("detour: interrupted; the report holds what the run had gathered.");
            case RunResult.Completed<ResearchOutcome> completed -> {
                // Nothing to explain.
            }
        }
    }

    /** Where the report goes, in which format. */
    record ReportSink(CliContext context, Path output, Format format) {

        void write(ResearchRun run) {
            String text = format == Format.json ? new ReportJson().toJson(run) + "\n" : run.report().markdown();
            if (output == null) {
                context.out().print(text);
                context.out().flush();
                return;
            }
            Path file = context.resolve(output);
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                context.out().print(text);
                throw new UsageProblem("detour: could not write the report to " + file + " (" + e.getMessage()
                        + "); it was printed to standard output instead");
            }
        }
    }

    /** The {@code --events} destination, opened for the run and closed after it. */
    record EventTarget(EventLog log, PrintStream stream, boolean owned) implements AutoCloseable {

        static EventTarget open(CliContext context, String target, Pricing pricing) {
            if (target == null) {
                return new EventTarget(null, null, false);
            }
            if (target.equals("-")) {
                return new EventTarget(new EventLog(context.out(), pricing), context.out(), false);
            }
            Path file = context.resolve(Path.of(target));
            try {
                PrintStream stream = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
                return new EventTarget(new EventLog(stream, pricing), stream, true);
            } catch (IOException e) {
                throw new UsageProblem("detour: --events " + target + ": cannot write " + file + " (" + e.getMessage() + ")");
            }
        }

        @Override
        public void close() {
            if (owned) {
                stream.close();
            }
        }
    }
}
