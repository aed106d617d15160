/**
 * The benchmark harness behind README's figures. {@link dev.detour.benchmarks.Bench} runs three
 * benchmarks against the provider simulator in a child JVM and prints ratios against a baseline measured
 * in the same run: overhead of a call through the full chain, failover steady state, and scale.
 */
package dev.detour.benchmarks;
