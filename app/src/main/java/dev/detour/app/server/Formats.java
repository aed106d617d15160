package dev.detour.app.server;

import dev.detour.core.internal.Require;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.workflow.WorkflowEvent;
import java.util.function.Function;

/**
 * How the server writes what the CLI writes, so both speak one format: an event as a line of
 * {@code --events}, a finished run as the {@code --format json} report. The CLI hands its own in.
 *
 * @param event an event as one line of JSON
 * @param report a finished research run as a JSON document
 */
public record Formats(Function<WorkflowEvent, String> event, Function<ResearchRun, String> report) {

    public Formats {
        Require.nonNull(event, "event");
        Require.nonNull(report, "report");
    }
}
