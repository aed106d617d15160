package dev.detour.core.spi;

import dev.detour.core.evidence.EvidenceSource;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An evidence-source adapter type, such as {@code pubmed} or {@code europepmc}: it opens a configured
 * source into an {@link EvidenceSource}. Register an implementation in the adapter's
 * {@code META-INF/services/dev.detour.core.spi.EvidenceSourceType}; do not register it in app code.
 */
public interface EvidenceSourceType extends AdapterType<EvidenceSource> {

    /**
     * How many requests per second the source allows an entry with these settings and this key, for the
     * caller's rate limiter; empty when the source states no limit. The source itself never waits.
     */
    default OptionalInt requestsPerSecond(AdapterSettings settings, AdapterKey key) {
        return OptionalInt.empty();
    }

    /**
     * How many HTTP requests one search makes at most, so that the caller's rate limiter counts requests, as
     * the source's limit does, not searches; at least 1.
     */
    default int requestsPerSearch() {
        return 1;
    }

    /**
     * Why an entry with these settings cannot be searched with {@code key}, in one line naming the variable to
     * set; empty when it can, as every source that also searches without a key can. It reads only its arguments,
     * so the app can tell which sources are searched without opening any; {@link #open} refuses such an entry.
     * A source that needs a key must say so here: the app disables an entry this names (with a notice), while an
     * {@link #open} that refuses a missing key by itself is a configuration error.
     */
    default Optional<String> missingKey(AdapterSettings settings, AdapterKey key) {
        return Optional.empty();
    }
}
