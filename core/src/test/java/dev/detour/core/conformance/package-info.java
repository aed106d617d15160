/**
 * The adapter conformance kits: the scenarios every {@link dev.detour.core.model.ModelPort} adapter
 * ({@link dev.detour.core.conformance.ModelPortConformanceTest}) and every
 * {@link dev.detour.core.evidence.EvidenceSource} adapter
 * ({@link dev.detour.core.conformance.EvidenceSourceConformanceTest}) must handle the same way.
 *
 * <p>They ship in {@code detour-core}'s test-jar. An adapter module depends on that jar (type
 * {@code test-jar}, scope {@code test}) plus {@code mockwebserver3}, JUnit Jupiter and AssertJ in test
 * scope, and extends the abstract test with its provider's wire payloads.
 */
package dev.detour.core.conformance;
