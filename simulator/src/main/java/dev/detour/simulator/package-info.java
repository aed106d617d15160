/**
 * A provider simulator: a real HTTP server on a loopback port that speaks the OpenAI chat-completions
 * wire format and the Hugging Face router's, serves the evidence sources' search APIs (PubMed's
 * E-utilities, Europe PMC, ClinicalTrials.gov, OpenAlex) with deterministic simulated evidence for any
 * query, and answers as a {@link dev.detour.simulator.Scenario} scripts it (successes, error statuses with
 * real payloads, latency, slow drip, disconnects, malformed bodies, HTML error pages, cut streams,
 * oversized bodies, errors inside HTTP 200, zero hits). It backs {@code detour demo}, the fault-matrix
 * tests and the benchmarks, so nothing there needs a network or a key.
 *
 * <p>Start one with {@link dev.detour.simulator.ProviderSimulator#start(Scenario)}; its answers come
 * from the simulator, never from a model or a real literature database, and say so.
 */
package dev.detour.simulator;
