package dev.detour.app.cli;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.core.cost.Pricing;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.WorkflowEvent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code detour show}: the report of a stored run (the partial one if it did not finish), or its events. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the report of a stored run (what it had, if it did not finish), or its events.",
        footerHeading = "%nExample:%n", footer = "  detour show 1b29f69e --format json > report.json")
final class ShowCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id, or its first 8 characters.")
    String run;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportOptions.Format format;

    @Option(names = "--events", description = "Print the run's stored events as JSON Lines instead of its report.")
    boolean events;

    ShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
        try (RunStore store = Session.openStore(context, config.store(), true)) {
            StoredRun stored = RunIds.find(store, run, "show");
            if (events) {
                EventJson json = new EventJson(config.pricing(), store);
                for (WorkflowEvent event : store.events(stored.runId())) {
                    context.out().println(json.toJson(event));
                }
                return ExitCodes.OK;
            }
            ResearchReport report = report(stored, config.pricing());
            if (format == ReportOptions.Format.json) {
                RunResult<?> result = stored.result().orElseGet(() -> new RunResult.Cancelled<>(stored.record()));
                @SuppressWarnings("unchecked")
                ResearchRun research = new ResearchRun(report.question(),
                        (RunResult<dev.detour.core.research.ResearchOutcome>) result, report);
                context.out().println(new ReportJson(config.pricing()).toJson(research, stored.summary().status().name()));
            } else {
                context.out().print(report.markdown());
            }
            if (stored.resumable()) {
                context.err().println("detour: run " + stored.runId() + " is " + RunsCommand.shown(stored.summary().status())
                        + "; continue it with: detour resume " + RunIds.shortId(stored.runId()));
            }
            return ExitCodes.OK;
        } catch (RunStoreException e) {
            throw new UsageProblem("detour: " + e.getMessage());
        }
    }

    private ResearchReport report(StoredRun stored, Pricing pricing) {
        try {
            return ResearchReport.of(stored, pricing);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("detour show: " + e.getMessage() + "; detour show --events prints its events");
        }
    }
}
