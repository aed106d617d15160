package dev.detour.simulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence sources the simulator stands in for, each under its own root path and named as scenarios
 * name it, with the endpoints it serves there.
 */
enum Source {
    PUBMED("pubmed", "/eutils", Map.of("esearch", "/esearch.fcgi", "efetch", "/efetch.fcgi", "esummary", "/esummary.fcgi")),
    EUROPE_PMC("europepmc", "/europepmc/webservices/rest", Map.of("search", "/search")),
    CLINICAL_TRIALS("clinicaltrials", "/clinicaltrials/api/v2", Map.of("studies", "/studies")),
    OPENALEX("openalex", "/openalex", Map.of("works", "/works"));

    private final String key;
    private final String root;
    private final Map<String, String> endpoints;

    Source(String key, String root, Map<String, String> paths) {
        this.key = key;
        this.root = root;
        Map<String, String> ordered = new LinkedHashMap<>();
        paths.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        this.endpoints = ordered;
    }

    /** The name scenarios and recordings use, such as {@code pubmed}. */
    String key() {
        return key;
    }

    /** The path every endpoint of this source is under, such as {@code /eutils}. */
    String root() {
        return root;
    }

    List<String> endpoints() {
        return List.copyOf(endpoints.keySet());
    }

    /** The endpoint {@code path} names, such as {@code esearch} for {@code /eutils/esearch.fcgi}. */
    Optional<String> endpointAt(String path) {
        return endpoints.entrySet().stream()
                .filter(entry -> path.equals(root + entry.getValue()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The paths this source serves, for messages. */
    List<String> paths() {
        return endpoints.values().stream().map(path -> root + path).toList();
    }

    static Optional<Source> named(String key) {
        return Arrays.stream(values()).filter(source -> source.key.equals(key)).findFirst();
    }

    /** The source whose root {@code path} is under, if any. */
    static Optional<Source> servingAt(String path) {
        return Arrays.stream(values())
                .filter(source -> path.equals(source.root) || path.startsWith(source.root + "/"))
                .findFirst();
    }

    static List<String> roots() {
        return Arrays.stream(values()).map(Source::root).toList();
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(Source::key).toList();
    }
}
