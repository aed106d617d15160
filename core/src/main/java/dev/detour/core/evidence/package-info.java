/**
 * The evidence side of research: the {@link dev.detour.core.evidence.EvidenceSource} port through which
 * workflows search literature and trial databases, the records they return, and how a search fails.
 * Search failures use the model calls' {@link dev.detour.core.model.ErrorKind} taxonomy.
 */
package dev.detour.core.evidence;
