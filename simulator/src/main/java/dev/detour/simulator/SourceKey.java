package dev.detour.simulator;

import java.util.Optional;

/**
 * An evidence source as scenarios and recordings name it: {@code pubmed} (every endpoint of it) or
 * {@code pubmed:esearch} (one endpoint), likewise {@code europepmc}, {@code clinicaltrials} and {@code openalex}.
 */
record SourceKey(Source source, Optional<String> endpoint) implements RequestKey {

    SourceKey {
        if (endpoint.isPresent() && !source.endpoints().contains(endpoint.get())) {
            throw new IllegalArgumentException("\"" + endpoint.get() + "\" is not an endpoint of " + source.key()
                    + "; its endpoints: " + String.join(", ", source.endpoints()));
        }
    }

    /**
     * Reads {@code pubmed} or {@code pubmed:esearch}.
     *
     * @throws IllegalArgumentException naming the sources and endpoints there are
     */
    static SourceKey parse(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        Source source = Source.named(name).orElseThrow(() -> new IllegalArgumentException("\"" + name
                + "\" is not an evidence source; sources: " + String.join(", ", Source.keys())));
        return new SourceKey(source, colon < 0 ? Optional.empty() : Optional.of(text.substring(colon + 1)));
    }

    /** Whether {@code text} starts with the name of a source, so that it is meant as a source key. */
    static boolean looksLikeOne(String text) {
        int colon = text.indexOf(':');
        return Source.named(colon < 0 ? text : text.substring(0, colon)).isPresent();
    }

    static SourceKey of(Source source, String endpoint) {
        return new SourceKey(source, Optional.of(endpoint));
    }

    SourceKey withoutEndpoint() {
        return new SourceKey(source, Optional.empty());
    }

    @Override
    public boolean covers(RequestKey requested) {
        return requested instanceof SourceKey other && source == other.source
                && (endpoint.isEmpty() || endpoint.equals(other.endpoint));
    }

    @Override
    public String toString() {
        return source.key() + endpoint.map(value -> ":" + value).orElse("");
    }
}
