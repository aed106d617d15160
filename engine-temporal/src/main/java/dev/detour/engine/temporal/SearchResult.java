package dev.detour.engine.temporal;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.model.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one search went on the worker: the records, or the try that ended it without any, and every try the
 * sources announced, so the workflow records and announces them as the embedded engine does.
 *
 * @param records what the source returned, at most the query's limit; empty when it failed
 * @param failure the last try, when the search ended without records
 * @param tries every try announced, in order: {@code started} holds a start's retry number, or is empty for an end
 * @param start when the search began, on the worker's clock
 * @param duration how long it took
 */
public record SearchResult(List<EvidenceRecord> records, Optional<Attempt> failure, List<Try> tries, Instant start,
        Duration duration) {

    /**
     * One try announced by the sources: its start (with its retry number) or its end (with its attempt).
     *
     * @param started the retry number, for a start
     * @param finished the attempt, for an end
     */
    public record Try(Optional<Integer> started, Optional<Attempt> finished) {}
}
