package dev.detour.app.cli;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.config.StoreConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code detour run}: researches a question through the chain, stores the run and writes the report. */
@Command(name = "run", description = "Research QUESTION through the chain of models and write a report.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  detour run \"Why do tides happen twice a day?\" --format json > report.json")
final class RunCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUESTION",
            description = "The question to research, in quotes when it has several words.")
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

    @Option(names = "--sources", paramLabel = "SOURCES",
            description = "Comma-separated evidence sources to search, such as pubmed,europepmc (default: evidence.use).")
    String sources;

    @Option(names = "--no-evidence", description = "Search no evidence source: answer from the models alone.")
    boolean noEvidence;

    @Option(names = "--no-store", description = "Do not store this run (it cannot be resumed or shown later).")
    boolean noStore;

    @Mixin
    ReportOptions report = new ReportOptions();

    /** Where the run runs: in this process, or on the configured Temporal task queue. */
    enum Engine { embedded, temporal }

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "embedded",
            description = "Where the run runs: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); temporal needs a"
                    + " `detour worker` on the configured task queue, and stores the run in Temporal, not here.")
    Engine engine;

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String checked = Questions.checked("run", question);
        if (report.output == null) {
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
        if (sources != null) {
            overrides = overrides.withSources(sources);
        }
        if (noEvidence) {
            overrides = overrides.withoutEvidence();
        }
        DetourConfig config = Session.loadConfig(context, configOptions, overrides);
        if (noStore || engine == Engine.temporal) {
            config = config.withStore(StoreConfig.none());
        }
        Session.warnAboutMissingKeys(context, config);
        try (Session session = Session.open(context, config, Session.StoreUse.OPTIONAL);
                Research.ReportSink sink = Research.ReportSink.open(context, report)) {
            return Research.exitCode(engine == Engine.temporal
                    ? Research.startOnTemporal(session, checked, sink, progress)
                    : Research.start(session, checked, sink, progress));
        }
    }
}
