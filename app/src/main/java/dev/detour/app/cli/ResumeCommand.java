package dev.detour.app.cli;

import dev.detour.app.StartedRun;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.StoredRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code detour resume}: continues a stored run that did not complete. Its completed steps return their
 * stored outputs without calling a model; the others run, the one that was running from its start.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a stored run that did not complete, without running its completed steps again.",
        footerHeading = "%nExample:%n", footer = "  detour resume 1b29f69e --token-budget 80000    (or --cost-budget 0.50 after a cost budget ran out)")
final class ResumeCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id, or its first 8 characters.")
    String run;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--token-budget", paramLabel = "N",
            description = "Most tokens the whole run may use, those already spent included (default: the run's own).")
    Long tokenBudget;

    @Option(names = "--cost-budget", paramLabel = "DOLLARS",
            description = "Most dollars the whole run may cost at the configured prices, what it already cost included"
                    + " (default: the run's own).")
    String costBudget;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    ResumeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (report.output == null) {
            progress.requireEventsOffStandardOutput("run");
        }
        if (tokenBudget != null && tokenBudget < 1) {
            throw new UsageProblem("detour resume: --token-budget " + tokenBudget + " is too small (use a whole number of at least 1)");
        }
        DetourConfig config = Session.loadConfig(context, configOptions,
                costBudget == null ? Overrides.none() : Overrides.none().withCostBudget(costBudget));
        Session.warnAboutMissingKeys(context, config);
        try (Session session = Session.open(context, config, Session.StoreUse.REQUIRED)) {
            StoredRun stored = RunIds.find(session.store(), run, "resume");
            String shortId = RunIds.shortId(stored.runId());
            if (!stored.resumable()) {
                throw new UsageProblem("detour resume: run " + stored.runId() + " completed; there is nothing to resume"
                        + " (detour show " + shortId + " prints its report)");
            }
            if (!stored.start().workflow().equals(ResearchWorkflow.NAME)) {
                throw new UsageProblem("detour resume: run " + stored.runId() + " ran the workflow \""
                        + stored.start().workflow() + "\"; detour resume continues research runs");
            }
            Budget budget = stored.start().budget();
            if (tokenBudget != null) {
                budget = budget.withMaxTokens(tokenBudget);
            }
            if (costBudget != null) {
                budget = budget.withMaxCost(config.workflow().costBudget().orElseThrow());
            }
            ResearchRunner runner = session.get(ResearchRunner.class);
            String question = String.valueOf(stored.start().input());
            try (Research.ReportSink sink = Research.ReportSink.open(context, report)) {
                return Research.exitCode(Research.carryOut(session, question, sink, progress,
                        RunOptions.defaults().withBudget(budget), options -> StartedRun.of(runner.resume(stored, options))));
            }
        }
    }
}
