/**
 * The benchmark harness behind README's figures. {@link dev.detour.benchmarks.Bench} runs each benchmark
 * against the provider simulator (or a lean stub) in a child JVM and prints ratios against a baseline
 * measured in the same run: overhead of a call, failover, scale, the run store, serving, durability on
 * Temporal and grounded research.
 */
package dev.detour.benchmarks;
