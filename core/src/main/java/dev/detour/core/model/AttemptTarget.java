package dev.detour.core.model;

/**
 * What an {@link Attempt} tried: a model at a provider, or an evidence source. Model calls and searches
 * fail in the same {@link ErrorKind}s and are recorded as the same attempts, told apart by this.
 */
public sealed interface AttemptTarget permits ModelRef, SourceRef {}
