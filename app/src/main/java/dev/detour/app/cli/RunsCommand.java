package dev.detour.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.core.cost.Cost;
import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Durations;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StoredRun;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code detour runs}: lists the stored runs, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = PruneCommand.class,
        description = "List the stored runs, newest first: id, start, status, model calls, tokens, cost (when prices are"
                + " configured), duration, question.",
        footerHeading = "%nExample:%n", footer = "  detour runs --status unfinished --limit 5")
final class RunsCommand implements Callable<Integer> {

    /** How the list is written. */
    enum Format { table, json }

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int QUESTION_WIDTH = 60;

    private final CliContext context;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Most runs to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only runs that are unfinished, completed, failed, cancelled or budget-exhausted.")
    String status;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    RunsCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageProblem("detour runs: --limit " + limit + " is too small (use a whole number of at least 1)");
        }
        RunQuery query = RunQuery.newest(limit);
        if (status != null) {
            query = query.withStatus(status(status));
        }
        DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
        try (RunStore store = Session.openStore(context, config.store(), true)) {
            List<RunSummary> runs = store.list(query);
            Costs costs = new Costs(store, config.pricing());
            if (format == Format.json) {
                context.out().println(json(runs, costs));
            } else if (runs.isEmpty()) {
                context.out().println("No stored runs" + (status == null ? "" : " that are " + status) + " in "
                        + config.store().file().orElseThrow() + ".");
            } else {
                context.out().print(table(runs, costs));
            }
            return ExitCodes.OK;
        } catch (RunStoreException e) {
            throw new UsageProblem("detour: " + e.getMessage());
        }
    }

    /** A status as {@code --status} takes it: {@code budget-exhausted}, {@code unfinished}, … */
    static RunSummary.Status status(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (RunSummary.Status candidate : RunSummary.Status.values()) {
            if (candidate.name().equals(name)) {
                return candidate;
            }
        }
        throw new UsageProblem("detour runs: --status " + text + " is not a status; use unfinished, completed, failed,"
                + " cancelled or budget-exhausted");
    }

    /** {@code budget exhausted}: a status as a person reads it. */
    static String shown(RunSummary.Status status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String table(List<RunSummary> runs, Costs costs) {
        List<String> columns = new ArrayList<>(List.of("RUN", "STARTED", "STATUS", "CALLS", "TOKENS"));
        if (costs.priced()) {
            columns.add("COST");
        }
        columns.addAll(List.of("TIME", "QUESTION"));
        TextTable table = new TextTable(columns.toArray(String[]::new));
        for (RunSummary run : runs) {
            List<Object> cells = new ArrayList<>(List.of(RunIds.shortId(run.runId()),
                    STARTED.format(run.started().atZone(ZoneId.systemDefault())), shown(run.status()),
                    run.usage().modelCalls(), run.usage().tokens()));
            if (costs.priced()) {
                cells.add(costs.of(run).map(Cost::describe).orElse("unknown"));
            }
            cells.addAll(List.of(Durations.human(run.usage().elapsed()), trimmed(run.title())));
            table.row(cells.toArray());
        }
        return table.render("");
    }

    private static String trimmed(String title) {
        return title.length() <= QUESTION_WIDTH ? title : title.substring(0, QUESTION_WIDTH - 1) + "…";
    }

    private static String json(List<RunSummary> runs, Costs costs) {
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ArrayNode list = mapper.createArrayNode();
        for (RunSummary run : runs) {
            ObjectNode item = list.addObject()
                    .put("runId", run.runId())
                    .put("workflow", run.workflow())
                    .put("question", run.title())
                    .put("started", run.started().toString())
                    .put("status", run.status().name())
                    .put("modelCalls", run.usage().modelCalls())
                    .put("tokens", run.usage().tokens())
                    .put("durationMs", run.usage().elapsed().toMillis());
            if (costs.priced()) {
                item.put("cost", costs.of(run).filter(Cost::complete).map(Cost::exact).orElse("unknown"));
            }
            run.ended().ifPresentOrElse(ended -> item.put("ended", ended.toString()), () -> item.putNull("ended"));
        }
        return list.toPrettyString();
    }

    /** Each listed run's cost at the configured prices, from its stored attempts; none without prices. */
    private record Costs(RunStore store, Pricing pricing) {

        boolean priced() {
            return !pricing.prices().isEmpty();
        }

        Optional<Cost> of(RunSummary run) {
            return store.find(run.runId()).map(StoredRun::record).map(record -> record.cost(pricing));
        }
    }
}
