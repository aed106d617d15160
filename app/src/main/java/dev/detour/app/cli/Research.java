package dev.detour.app.cli;

import dev.detour.app.StartedRun;
import dev.detour.app.config.DetourConfig;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A research run as {@code run}, {@code resume} and {@code demo} carry it out: progress on stderr, the
 * run id and where it is stored, Ctrl-C as a clean cancel, the report written however the run ended, and
 * a failure explained.
 */
final class Research {

    private static final Logger LOG = LoggerFactory.getLogger(Research.class);

    private Research() {}

    /** Starts a new run of {@code question} with the runner's settings and budget. */
    static ResearchRun start(Session session, String question, ReportSink sink, ProgressOptions progress) {
        ResearchRunner runner = session.get(ResearchRunner.class);
        return carryOut(session, question, sink, progress, runner.defaultOptions(),
                options -> StartedRun.of(runner.start(question, runner.settings(), options)));
    }

    /** Starts a new run of {@code question} on the configured Temporal task queue, and follows it from here. */
    static ResearchRun startOnTemporal(Session session, String question, ReportSink sink, ProgressOptions progress) {
        return carryOut(session, question, sink, progress, session.get(ResearchRunner.class).defaultOptions(),
                options -> Temporal.start(session, question, options));
    }

    /** Carries out the run {@code launch} starts with {@code base} plus the progress display and event log. */
    static ResearchRun carryOut(Session session, String question, ReportSink sink, ProgressOptions progress,
            RunOptions base, Function<RunOptions, StartedRun> launch) {
        CliContext context = sink.context();
        RunOptions options = base.withChain(session.config().chain());
        ProgressDisplay display = null;
        if (!progress.quiet) {
            display = new ProgressDisplay(context.err(), context.interactive(), context::columns, context.marks(),
                    Clock.systemUTC());
            options = options.withListener(display);
        }
        ProgressDisplay shown = display;
        EventTarget eventTarget = EventTarget.open(context, progress.events, session.config().pricing(), session.store());
        ResearchRun run;
        String stored;
        try (eventTarget; Ticker ticker = Ticker.every(Duration.ofSeconds(1), shown != null && context.interactive(),
                () -> shown.tick())) {
            if (eventTarget.log() != null) {
                options = options.withListener(eventTarget.log());
            }
            try (StartedRun handle = launch.apply(options);
                    Interruption interruption = Interruption.onInterrupt(handle::cancel)) {
                session.storeFile().filter(file -> handle.storedHere()).ifPresent(file -> context.err().println("detour: run "
                        + handle.runId() + " is stored in " + file + "; if it stops, continue it with: detour resume "
                        + RunIds.shortId(handle.runId())));
                RunResult<ResearchOutcome> result = awaitUninterruptibly(handle);
                run = new ResearchRun(question, result, ResearchReport.of(question, result, session.config().pricing()));
                sink.write(run, session.config().pricing());
                explainFailure(context, session, result, handle.runId());
                if (!session.config().pricing().prices().isEmpty()) {
                    context.err().println("detour: the run cost " + result.record().cost(session.config().pricing()).describe()
                            + " at the configured prices.");
                }
                if (result.status() == RunStatus.COMPLETED && !run.report().complete()) {
                    context.err().println("detour: the report is incomplete: " + String.join(" ", run.report().limitations())
                            + " Raise --token-budget (workflow.token-budget) if the budget ran out"
                            + continuation(session, handle.runId()) + ".");
                }
                handle.storeFailure().ifPresent(failure -> context.err().println("detour: the run could not be stored ("
                        + failure.getMessage() + "); the report does not depend on it, but the run cannot be resumed"
                        + " from where it got to."));
                stored = session.storeFile().isPresent() && handle.storedHere() && handle.storeFailure().isEmpty()
                        ? "detour: the run itself is stored; detour show " + RunIds.shortId(handle.runId())
                                + " prints its report again"
                        : null;
            }
        }
        List<String> unwritten = new ArrayList<>();
        sink.problem().ifPresent(unwritten::add);
        eventTarget.problem().ifPresent(unwritten::add);
        if (!unwritten.isEmpty()) {
            if (stored != null) {
                unwritten.add(stored);
            }
            throw new OutputProblem(unwritten);
        }
        return run;
    }

    /** 0 for a complete report, 130 for an interrupted run, 1 for a failed run or an incomplete report. */
    static int exitCode(ResearchRun run) {
        return switch (run.result().status()) {
            case COMPLETED -> run.report().complete() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
            case CANCELLED -> ExitCodes.INTERRUPTED;
            case FAILED, BUDGET_EXHAUSTED -> ExitCodes.RUN_FAILED;
        };
    }

    private static String continuation(Session session, String runId) {
        return continuation(session, runId, BudgetExhaustion.Resource.TOKENS);
    }

    private static String continuation(Session session, String runId, BudgetExhaustion.Resource ranOut) {
        return session.storeFile().isPresent()
                ? ", or continue this run with: detour resume " + RunIds.shortId(runId)
                        + (ranOut == BudgetExhaustion.Resource.COST ? " --cost-budget DOLLARS" : " --token-budget N")
                : "";
    }

    private static RunResult<ResearchOutcome> awaitUninterruptibly(StartedRun handle) {
        while (true) {
            try {
                return handle.await();
            } catch (InterruptedException e) {
                handle.cancel();
            }
        }
    }

    private static void explainFailure(CliContext context, Session session, RunResult<ResearchOutcome> result, String runId) {
        PrintStream err = context.err();
        DetourConfig config = session.config();
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
                    LOG.debug("the failure of step {}", failed.failedStep(), failed.failure());
                }
            }
            case RunResult.BudgetExhausted<ResearchOutcome> exhausted ->
                    err.println("detour: the run stopped: " + exhausted.exhaustion().describe() + "; raise "
                            + (exhausted.exhaustion().resource() == BudgetExhaustion.Resource.COST
                                    ? "--cost-budget" : "--token-budget") + " to let it finish"
                            + continuation(session, runId, exhausted.exhaustion().resource()) + ".");
            case RunResult.Cancelled<ResearchOutcome> cancelled ->
                    err.println("detour: interrupted; the report holds what the run had gathered."
                            + (session.storeFile().isPresent() ? " Continue it with: detour resume " + RunIds.shortId(runId) : ""));
            case RunResult.Completed<ResearchOutcome> completed -> {
                // Nothing to explain.
            }
        }
    }

    /**
     * Where the report goes, in which format: standard output, or a file opened (so checked) before the run's
     * first model call and written when the run ends. A report that could not be written is a {@link #problem()}.
     */
    static final class ReportSink implements AutoCloseable {

        private final CliContext context;
        private final ReportOptions.Format format;
        private final Path file;
        private final FileChannel channel;
        private String problem;

        private ReportSink(CliContext context, ReportOptions.Format format, Path file, FileChannel channel) {
            this.context = context;
            this.format = format;
            this.file = file;
            this.channel = channel;
        }

        /** The report to standard output. */
        static ReportSink standardOutput(CliContext context, ReportOptions.Format format) {
            return new ReportSink(context, format, null, null);
        }

        /**
         * The report where {@code options} say; a file that cannot be written is a usage problem now, naming
         * the operating system's reason.
         */
        static ReportSink open(CliContext context, ReportOptions options) {
            if (options.output == null) {
                return standardOutput(context, options.format);
            }
            Path file = context.resolve(options.output);
            try {
                return new ReportSink(context, options.format, file,
                        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
            } catch (IOException e) {
                throw new UsageProblem("detour: --output " + options.output + ": cannot write " + file + " ("
                        + IoReasons.of(e) + ")");
            }
        }

        CliContext context() {
            return context;
        }

        /** Writes {@code run}'s report, with costs at {@code pricing} in the JSON one. */
        void write(ResearchRun run, Pricing pricing) {
            String text = format == ReportOptions.Format.json ? new ReportJson(pricing).toJson(run) + "\n"
                    : run.report().markdown();
            if (channel == null) {
                printed(text);
                return;
            }
            try {
                channel.truncate(0);
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                problem = "detour: could not write the report to " + file + " (" + IoReasons.of(e) + ")"
                        + (printed(text) ? "; it was printed to standard output instead" : "");
            }
        }

        private boolean printed(String text) {
            context.out().print(text);
            context.out().flush();
            if (context.out().checkError()) {
                if (!StandardOutput.readerGone(context.out())) {
                    problem = "detour: could not write the report to standard output (it is closed, or its disk is full)";
                }
                return false;
            }
            return true;
        }

        /** Why the report was not written, if it was not. */
        Optional<String> problem() {
            return Optional.ofNullable(problem);
        }

        @Override
        public void close() {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                if (problem == null) {
                    problem = "detour: could not finish writing the report to " + file + " (" + IoReasons.of(e) + ")";
                }
            }
        }
    }

    /** The {@code --events} destination, opened for the run and closed after it; events it could not write are a {@link #problem()}. */
    static final class EventTarget implements AutoCloseable {

        private final EventLog log;
        private final PrintStream stream;
        private final WriteFailures failures;
        private final String where;

        private EventTarget(EventLog log, PrintStream stream, WriteFailures failures, String where) {
            this.log = log;
            this.stream = stream;
            this.failures = failures;
            this.where = where;
        }

        static EventTarget open(CliContext context, String target, Pricing pricing, RunStore store) {
            if (target == null) {
                return new EventTarget(null, null, null, null);
            }
            if (target.equals("-")) {
                return new EventTarget(new EventLog(context.out(), pricing, store), context.out(), null, "standard output");
            }
            Path file = context.resolve(Path.of(target));
            try {
                WriteFailures failures = new WriteFailures(Files.newOutputStream(file));
                PrintStream stream = new PrintStream(failures, true, StandardCharsets.UTF_8);
                return new EventTarget(new EventLog(stream, pricing, store), stream, failures, file.toString());
            } catch (IOException e) {
                throw new UsageProblem("detour: --events " + target + ": cannot write " + file + " (" + IoReasons.of(e) + ")");
            }
        }

        /** The log to listen with; null when no events are wanted. */
        EventLog log() {
            return log;
        }

        /** Why some events were not written, if so; ask after {@link #close()}. */
        Optional<String> problem() {
            if (stream == null || !stream.checkError() || StandardOutput.readerGone(stream)) {
                return Optional.empty();
            }
            return Optional.of("detour: the events could not all be written to " + where + " ("
                    + (failures == null ? Optional.<String>empty() : failures.reason())
                            .orElse("it is closed, or its disk is full") + ")");
        }

        @Override
        public void close() {
            if (failures != null) {
                stream.close();
            }
        }
    }
}
