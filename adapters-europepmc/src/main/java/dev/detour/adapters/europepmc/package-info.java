/**
 * The {@link dev.detour.core.evidence.EvidenceSource} for Europe PMC, through its REST {@code search} with
 * core results as JSON, paged with {@code cursorMark}.
 *
 * <p>The public surface is {@link dev.detour.adapters.europepmc.EuropePmcSourceType}, the {@code europepmc}
 * type the app finds through {@code META-INF/services}. The HTTP exchange is
 * {@link dev.detour.transport.HttpTransport}'s; this package keeps the wire format and the error classification.
 */
package dev.detour.adapters.europepmc;
