package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.Optional;

/**
 * Which stored runs to list, newest first.
 *
 * @param limit the most runs to return, at least 1
 * @param status only runs that stand so, if given
 * @param idPrefix only runs whose id starts with this, if given (such as the 8 characters a listing shows)
 */
public record RunQuery(int limit, Optional<RunSummary.Status> status, Optional<String> idPrefix) {

    public RunQuery {
        Require.positive(limit, "limit");
        Require.nonNull(status, "status");
        Require.nonNull(idPrefix, "idPrefix");
        idPrefix.ifPresent(prefix -> Require.nonBlank(prefix, "idPrefix"));
    }

    /** The newest {@code limit} runs, whatever their status. */
    public static RunQuery newest(int limit) {
        return new RunQuery(limit, Optional.empty(), Optional.empty());
    }

    public RunQuery withStatus(RunSummary.Status value) {
        return new RunQuery(limit, Optional.of(Require.nonNull(value, "status")), idPrefix);
    }

    public RunQuery withIdPrefix(String value) {
        return new RunQuery(limit, status, Optional.of(Require.nonBlank(value, "idPrefix")));
    }

    /** Whether {@code summary} is one this query asks for, limit aside. */
    public boolean matches(RunSummary summary) {
        Require.nonNull(summary, "summary");
        return status.map(wanted -> summary.status() == wanted).orElse(true)
                && idPrefix.map(prefix -> summary.runId().startsWith(prefix)).orElse(true);
    }
}
