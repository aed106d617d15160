package dev.detour.benchmarks;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.SourceRef;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.EvidenceSourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The evidence adapters on the class path, opened at the simulator's base URLs and searched once per call:
 * no retry, no rate limit and no breaker (the app's resilient sources add those). The grounded research
 * benchmark measures the workflow and the adapters on it, not the app's source resilience.
 */
final class AdapterSources implements EvidenceSources, AutoCloseable {

    private final Map<SourceRef, EvidenceSource> sources = new LinkedHashMap<>();

    AdapterSources(SimulatorChild simulator, List<String> names) {
        Map<String, EvidenceSourceType> types = new LinkedHashMap<>();
        ServiceLoader.load(EvidenceSourceType.class).forEach(type -> types.put(type.name(), type));
        for (String name : names) {
            EvidenceSourceType type = types.get(name);
            if (type == null) {
                throw new IllegalStateException("no evidence adapter of type " + name + " on the class path; found "
                        + types.keySet());
            }
            sources.put(SourceRef.of(name), type.open(AdapterSettings.of(name, simulator.baseUrl(name)), AdapterKey.none()));
        }
    }

    @Override
    public List<SourceRef> sources() {
        return List.copyOf(sources.keySet());
    }

    @Override
    public List<EvidenceRecord> search(SourceRef source, SearchQuery query, CallContext context) {
        EvidenceSource searched = sources.get(source);
        if (searched == null) {
            throw new IllegalArgumentException("source " + source + " is not one of " + sources.keySet());
        }
        return searched.search(query, context);
    }

    @Override
    public void close() {
        sources.values().forEach(EvidenceSource::close);
    }
}
