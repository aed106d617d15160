/**
 * The {@link dev.detour.core.evidence.EvidenceSource} for PubMed, through NCBI's E-utilities: ESearch
 * (JSON) finds the ids, EFetch (XML, abstracts) describes them.
 *
 * <p>The public surface is {@link dev.detour.adapters.pubmed.PubMedSourceType}, the {@code pubmed} type
 * the app finds through {@code META-INF/services}. The HTTP exchange is
 * {@link dev.detour.transport.HttpTransport}'s; this package keeps the wire format and the error
 * classification. The adapter never waits between requests: NCBI's 3 requests per second (10 with a key)
 * are the caller's rate limiter's, stated by {@code PubMedSourceType#requestsPerSecond}.
 */
package dev.detour.adapters.pubmed;
