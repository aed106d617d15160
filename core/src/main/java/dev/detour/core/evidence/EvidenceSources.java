package dev.detour.core.evidence;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.SourceRef;
import java.util.List;

/**
 * The evidence sources a {@link dev.detour.core.workflow.WorkflowEngine} searches for its steps, each by
 * its configured name: to searches what the {@link dev.detour.core.model.ModelPort} is to model calls.
 *
 * <p>The app gives the engine a resilient implementation: per source, retries of what DESIGN §3 marks
 * retryable, its rate limit and its circuit breaker, announcing each try to the context's
 * {@link dev.detour.core.model.AttemptListener} ({@code searchStarted}, then {@code attemptFinished}) as it
 * happens. There is no fallback between sources. Implementations live in app (core only consumes the port).
 * Interrupting the calling thread cancels the search with a
 * {@link java.util.concurrent.CancellationException}.
 */
public interface EvidenceSources {

    /** The sources it can search, in the order reports list them; empty when grounding is off. */
    List<SourceRef> sources();

    /**
     * Searches {@code source} for {@code query} within the context's deadline.
     *
     * @return the records, best first, at most {@link SearchQuery#limit()}; empty when nothing matched
     * @throws SearchFailedException when the one try failed, classified by kind
     * @throws SourceFailedError when it gave up after several tries or skipped the source, with every attempt
     * @throws IllegalArgumentException if {@code source} is not one of {@link #sources()}
     */
    List<EvidenceRecord> search(SourceRef source, SearchQuery query, CallContext context);

    /** No sources: steps have nothing to search, and research runs are answered from the models alone. */
    static EvidenceSources none() {
        return NoEvidenceSources.INSTANCE;
    }
}
