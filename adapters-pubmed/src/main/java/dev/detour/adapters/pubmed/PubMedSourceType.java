package dev.detour.adapters.pubmed;

import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.EvidenceSourceType;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.spi.Option;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code pubmed} evidence-source type: PubMed through NCBI's E-utilities. Registered in this module's
 * {@code META-INF/services}; the app finds it there, so do not instantiate it to wire it.
 */
public final class PubMedSourceType implements EvidenceSourceType {

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The contact address NCBI asks every tool to send with its requests. */
    static final Option<String> EMAIL = Option.of("email", text -> {
        if (!EMAIL_ADDRESS.matcher(text.strip()).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an e-mail address (write one such as"
                    + " research@example.org, where NCBI can reach you)");
        }
        return text.strip();
    });

    /** The most requests per second the caller's rate limiter lets through; NCBI's limit by default. */
    static final Option<Integer> REQUESTS_PER_SECOND = Option.count("requests-per-second");

    private static final List<Option<?>> OPTIONS =
            Stream.concat(Stream.<Option<?>>of(EMAIL, REQUESTS_PER_SECOND), HttpLimits.OPTIONS.stream()).toList();

    @Override
    public String name() {
        return "pubmed";
    }

    @Override
    public List<Option<?>> options() {
        return OPTIONS;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(PubMedSettings.DEFAULT_BASE_URL);
    }

    /** The entry's {@code requests-per-second}, else NCBI's limit: 3 without a key, 10 with one. */
    @Override
    public OptionalInt requestsPerSecond(AdapterSettings settings, AdapterKey key) {
        return OptionalInt.of(settings.option(REQUESTS_PER_SECOND).orElse(key.secret().isPresent() ? 10 : 3));
    }

    /** ESearch for the ids, then EFetch for their records. */
    @Override
    public int requestsPerSearch() {
        return 2;
    }

    @Override
    public EvidenceSource open(AdapterSettings settings, AdapterKey key) {
        return PubMedSource.create(PubMedSettings.from(settings, key));
    }
}
