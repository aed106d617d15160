/**
 * The adapter conformance kit: the failure scenarios every {@link dev.detour.core.model.ModelPort} adapter
 * must handle the same way, written once as {@link dev.detour.core.conformance.ModelPortConformanceTest}.
 *
 * <p>It ships in {@code detour-core}'s test-jar. An adapter module depends on that jar (type
 * {@code test-jar}, scope {@code test}) plus {@code mockwebserver3}, JUnit Jupiter and AssertJ in test
 * scope, and extends the abstract test with its provider's wire payloads.
 */
package dev.detour.core.conformance;
