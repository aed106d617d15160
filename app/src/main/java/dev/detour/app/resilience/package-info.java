/**
 * The resilience chain: a {@link dev.detour.core.model.ModelPort} over the ordered chain of adapters that
 * retries what is transient, skips what is dead (a circuit breaker per model, shared by every run in the
 * process, counting the provider's own failures only), falls back in order, checks every answer before
 * handing it on, and raises {@link dev.detour.core.model.AllModelsFailedError} only when every model failed.
 */
package dev.detour.app.resilience;
