package dev.detour.app.cli;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.config.StoreConfig;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunStoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code detour runs prune}: deletes stored runs that started long enough ago. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Delete the stored runs that started more than AGE ago, with their steps and events.",
        footerHeading = "%nExample:%n", footer = "  detour runs prune --older-than 7d")
final class PruneCommand implements Callable<Integer> {

    private static final Duration DEFAULT_AGE = Duration.ofDays(30);

    @ParentCommand
    RunsCommand parent;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--older-than", paramLabel = "AGE",
            description = "How old a run must be to go, such as 30d or 12h (default: store.retention, else 30d).")
    String olderThan;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
        Duration age = age(config.store());
        Instant cutoff = Instant.now().minus(age);
        try (RunStore store = Session.openStore(context, config.store(), true)) {
            int deleted = store.deleteStartedBefore(cutoff);
            context.out().println("Deleted " + deleted + (deleted == 1 ? " run" : " runs") + " that started before "
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(cutoff.atZone(ZoneId.systemDefault()))
                    + " from " + config.store().file().orElseThrow() + ".");
            return ExitCodes.OK;
        } catch (RunStoreException e) {
            throw new UsageProblem("detour: " + e.getMessage());
        }
    }

    private Duration age(StoreConfig store) {
        if (olderThan == null) {
            return store.retention().orElse(DEFAULT_AGE);
        }
        try {
            return StoreConfig.age(olderThan);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("detour runs prune: --older-than " + e.getMessage());
        }
    }
}
