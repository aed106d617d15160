/**
 * The resilience chain: a {@link dev.detour.core.model.ModelPort} over the ordered chain of adapters that
 * retries what is transient, skips what is dead (a circuit breaker per model, shared by every run in the
 * process), falls back in order, and raises {@link dev.detour.core.model.AllModelsFailedError} only when
 * every model failed.
 */
package dev.detour.app.resilience;
