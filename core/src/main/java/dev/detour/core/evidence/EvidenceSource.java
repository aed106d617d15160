package dev.detour.core.evidence;

import dev.detour.core.model.CallContext;
import java.util.List;

/**
 * A searchable source of evidence, such as PubMed or ClinicalTrials.gov: the port evidence adapters
 * implement and research steps search through.
 *
 * <p>An implementation makes exactly one logical search per call (it may page or fetch details with
 * more than one request) and never retries on its own: retries, rate limits and the circuit breaker
 * belong to the caller. It honours the context's deadline and stops promptly when the calling thread is
 * interrupted, throwing {@link java.util.concurrent.CancellationException} with the interrupt flag kept.
 */
public interface EvidenceSource extends AutoCloseable {

    /**
     * The records matching {@code query}, best first, at most {@link SearchQuery#limit()}; an empty list
     * when nothing matches.
     *
     * @throws SearchFailedException if the source could not answer, classified by kind
     */
    List<EvidenceRecord> search(SearchQuery query, CallContext context);

    /** Releases the connections this source holds; the default holds none. Searches in flight are cancelled. */
    @Override
    default void close() {}
}
