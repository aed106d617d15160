/**
 * Test doubles for code that depends on core, shipped in core's test-jar: a scripted in-memory
 * {@link dev.detour.core.model.ModelPort} and a chain of them, scripted
 * {@link dev.detour.core.evidence.EvidenceSources}, a run store in memory, a clock tests move, and a
 * listener that collects workflow events.
 */
package dev.detour.core.testing;
