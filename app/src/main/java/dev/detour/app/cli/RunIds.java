package dev.detour.app.cli;

import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StoredRun;
import java.util.List;
import java.util.stream.Collectors;

/** Finds a stored run by its id or the start of it, such as the 8 characters {@code detour runs} shows. */
final class RunIds {

    static final int SHORT_LENGTH = 8;

    private RunIds() {}

    /** The first 8 characters of {@code runId}: enough to name a run wherever a run id is asked for. */
    static String shortId(String runId) {
        return runId.length() <= SHORT_LENGTH ? runId : runId.substring(0, SHORT_LENGTH);
    }

    /**
     * The run whose id is {@code idOrPrefix} or starts with it.
     *
     * @throws UsageProblem if no run or several runs match, or the store cannot be read
     */
    static StoredRun find(RunStore store, String idOrPrefix, String command) {
        String wanted = idOrPrefix.strip();
        if (wanted.isEmpty()) {
            throw new UsageProblem("detour " + command + ": give the id of a run, or its first " + SHORT_LENGTH
                    + " characters (detour runs lists them)");
        }
        try {
            List<RunSummary> matches = store.list(RunQuery.newest(10).withIdPrefix(wanted));
            List<RunSummary> exact = matches.stream().filter(run -> run.runId().equals(wanted)).toList();
            List<RunSummary> chosen = exact.isEmpty() ? matches : exact;
            if (chosen.isEmpty()) {
                throw new UsageProblem("detour " + command + ": no stored run has an id starting with " + wanted
                        + " in " + describe(store) + "; detour runs lists the stored runs");
            }
            if (chosen.size() > 1) {
                throw new UsageProblem("detour " + command + ": " + wanted + " is the start of several run ids ("
                        + chosen.stream().map(RunSummary::runId).collect(Collectors.joining(", "))
                        + "); give more of the id");
            }
            String runId = chosen.get(0).runId();
            return store.find(runId).orElseThrow(() -> new UsageProblem("detour " + command + ": run " + runId
                    + " was deleted just now"));
        } catch (RunStoreException e) {
            throw new UsageProblem("detour: " + e.getMessage());
        }
    }

    private static String describe(RunStore store) {
        String text = store.toString();
        return text.startsWith("the run store ") ? text.substring("the run store ".length()) : text;
    }
}
