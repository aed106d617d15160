package dev.detour.engine.temporal;

import dev.detour.core.evidence.SourceSearch;
import java.time.Duration;
import java.util.Optional;

/**
 * One search a step asks a worker to make: the search activity's argument.
 *
 * @param runId the run the search belongs to
 * @param step the path of the step making it
 * @param search which source, for what
 * @param timeLeft what is left of the run's time limit when the search is scheduled, if it has one
 */
public record SearchCall(String runId, String step, SourceSearch search, Optional<Duration> timeLeft) {}
