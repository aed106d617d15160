package dev.detour.adapters.openalex;

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
 * The {@code openalex} evidence-source type: OpenAlex's works search. Registered in this module's
 * {@code META-INF/services}; the app finds it there, so do not instantiate it to wire it. An entry without a key
 * does not open: OpenAlex is never called keyless.
 */
public final class OpenAlexSourceType implements EvidenceSourceType {

    @Override
    public String name() {
        return "openalex";
    }

    @Override
    public List<Option<?>> options() {
        return HttpLimits.OPTIONS;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(OpenAlexSettings.DEFAULT_BASE_URL);
    }

    /** Every entry without a secret in {@code key}: OpenAlex requires a key. */
    @Override
    public Optional<String> missingKey(AdapterSettings settings, AdapterKey key) {
        return OpenAlexSettings.missingKey(settings, key);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also when {@code key} has no secret, in one line naming the variable to set
     */
    @Override
    public EvidenceSource open(AdapterSettings settings, AdapterKey key) {
        return OpenAlexSource.create(OpenAlexSettings.from(settings, key));
    }
}
