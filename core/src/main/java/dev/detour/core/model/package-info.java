/**
 * Calling chat models: the {@link dev.detour.core.model.ModelPort} port, the request and response
 * values that cross it, the error taxonomy of what can go wrong ({@link dev.detour.core.model.ErrorKind}
 * and the sealed {@link dev.detour.core.model.ModelCallException}), and the record of
 * {@link dev.detour.core.model.Attempt attempts} a chain made, down to
 * {@link dev.detour.core.model.AllModelsFailedError} when none succeeded. An attempt names a model or,
 * for a search, an evidence {@link dev.detour.core.model.SourceRef source}: both are attempted the same way.
 */
package dev.detour.core.model;
