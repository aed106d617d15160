package dev.detour.app.server;

import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunSummary;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the API names where a run stands: {@code running}, {@code completed}, {@code failed}, {@code cancelled}, {@code budget_exhausted} or {@code unfinished}. */
enum RunStatusName {
    RUNNING, COMPLETED, FAILED, CANCELLED, BUDGET_EXHAUSTED, UNFINISHED;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunStatusName of(RunStatus status) {
        return valueOf(status.name());
    }

    static RunStatusName of(RunSummary.Status status) {
        return valueOf(status.name());
    }

    static Optional<RunStatusName> parse(String text) {
        return Arrays.stream(values()).filter(value -> value.apiName().equals(text)).findFirst();
    }

    /** The store's name for it; empty for {@link #RUNNING}, which only a live server knows. */
    Optional<RunSummary.Status> stored() {
        return this == RUNNING ? Optional.empty() : Optional.of(RunSummary.Status.valueOf(name()));
    }

    /** Whether a run that stands so can be resumed. */
    boolean resumable() {
        return this != RUNNING && this != COMPLETED;
    }
}
