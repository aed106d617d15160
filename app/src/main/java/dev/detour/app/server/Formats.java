package dev.detour.app.server;

import dev.detour.core.internal.Require;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.WorkflowEvent;
import java.util.function.Function;

/**
 * How the server writes what the CLI writes, so both speak one format: a run's events as the lines of
 * {@code --events}, a finished run as the {@code --format json} report. The CLI hands its own in.
 *
 * @param events a new writer of one run's events as lines of JSON, asked for once per run and per replay, since
 *     it sums that run's costs as it goes; it reads from the server's run store what a resumed run's replayed
 *     steps cost
 * @param report a finished research run as a JSON document
 */
public record Formats(Function<RunStore, Function<WorkflowEvent, String>> events, Function<ResearchRun, String> report) {

    public Formats {
        Require.nonNull(events, "events");
        Require.nonNull(report, "report");
    }
}
