package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a run store keeps of a run's start: enough to list the run and to resume it.
 *
 * @param runId the run's id
 * @param workflow the workflow's name; a resume must run a workflow of the same name
 * @param title a one-line description of the input, such as the research question, for listings
 * @param input the workflow's input
 * @param settings what the workflow was built from (such as research settings), so a resume can build it again
 * @param chain the models the run's calls go through, for the record
 * @param budget the run's budget
 * @param at when the run began
 */
public record RunStart(String runId, String workflow, String title, Object input, Optional<Object> settings,
        List<ModelRef> chain, Budget budget, Instant at) {

    private static final int MAX_TITLE_LENGTH = 200;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public RunStart {
        Require.nonBlank(runId, "runId");
        Require.nonBlank(workflow, "workflow");
        Require.nonNull(title, "title");
        Require.nonNull(input, "input");
        Require.nonNull(settings, "settings");
        chain = List.copyOf(Require.nonNull(chain, "chain"));
        Require.nonNull(budget, "budget");
        Require.nonNull(at, "at");
    }

    /** The title of {@code input}: its text on one line, at most 200 characters. */
    static String titleOf(Object input) {
        String line = WHITESPACE.matcher(String.valueOf(input).strip()).replaceAll(" ");
        return line.length() <= MAX_TITLE_LENGTH ? line : line.substring(0, MAX_TITLE_LENGTH - 1) + "…";
    }
}
