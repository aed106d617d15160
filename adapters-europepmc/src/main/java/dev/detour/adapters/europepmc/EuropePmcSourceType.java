package dev.detour.adapters.europepmc;

import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.EvidenceSourceType;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.spi.Option;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The {@code europepmc} evidence-source type: Europe PMC's REST search. Registered in this module's
 * {@code META-INF/services}; the app finds it there, so do not instantiate it to wire it. It takes no key.
 */
public final class EuropePmcSourceType implements EvidenceSourceType {

    @Override
    public String name() {
        return "europepmc";
    }

    @Override
    public List<Option<?>> options() {
        return HttpLimits.OPTIONS;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(EuropePmcSettings.DEFAULT_BASE_URL);
    }

    @Override
    public EvidenceSource open(AdapterSettings settings, AdapterKey key) {
        return EuropePmcSource.create(EuropePmcSettings.from(settings));
    }
}
