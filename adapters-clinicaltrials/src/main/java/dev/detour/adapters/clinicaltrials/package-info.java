/**
 * The {@link dev.detour.core.evidence.EvidenceSource} for ClinicalTrials.gov, through API v2's {@code studies}
 * search as JSON, paged with {@code pageToken}.
 *
 * <p>The public surface is {@link dev.detour.adapters.clinicaltrials.ClinicalTrialsSourceType}, the
 * {@code clinicaltrials} type the app finds through {@code META-INF/services}. The HTTP exchange is
 * {@link dev.detour.transport.HttpTransport}'s; this package keeps the wire format and the error classification.
 */
package dev.detour.adapters.clinicaltrials;
