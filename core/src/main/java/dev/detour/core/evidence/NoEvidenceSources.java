package dev.detour.core.evidence;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.SourceRef;
import java.util.List;

/** The evidence sources of an engine that has none, as {@link EvidenceSources#none()} gives them. */
enum NoEvidenceSources implements EvidenceSources {
    INSTANCE;

    @Override
    public List<SourceRef> sources() {
        return List.of();
    }

    @Override
    public List<EvidenceRecord> search(SourceRef source, SearchQuery query, CallContext context) {
        throw new IllegalArgumentException("no evidence source " + source + " here: this engine has no evidence sources");
    }

    @Override
    public String toString() {
        return "EvidenceSources[]";
    }
}
