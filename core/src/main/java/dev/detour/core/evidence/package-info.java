/**
 * The evidence side of research: the {@link dev.detour.core.evidence.EvidenceSource} port adapters of
 * literature and trial databases implement, the {@link dev.detour.core.evidence.EvidenceSources} port the
 * engine searches them through by name, the records they return, and how a search fails. Search failures
 * use the model calls' {@link dev.detour.core.model.ErrorKind} taxonomy and attempt records.
 */
package dev.detour.core.evidence;
