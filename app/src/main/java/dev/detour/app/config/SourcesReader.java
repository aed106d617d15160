package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.SourceRef;
import dev.detour.core.spi.EvidenceSourceType;
import dev.detour.core.spi.Option;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code sources} section, or supplies the built-in sources (PubMed, Europe PMC, ClinicalTrials.gov
 * and OpenAlex at their public APIs): each source's type, base URL, key variable, insecure-http permission and
 * the options its type allows, validated by that type as providers are by theirs. A file's {@code sources}
 * replaces the built-in ones.
 */
final class SourcesReader {

    static final List<String> COMMON_KEYS = List.of("type", "base-url", "key-env", "allow-insecure-http");

    /** Built-in source name, type and key variable (empty for a source that takes no key). */
    record BuiltIn(String name, String type, Optional<String> keyEnv) {}

    static final List<BuiltIn> BUILT_IN = List.of(
            new BuiltIn("pubmed", "pubmed", Optional.of("NCBI_API_KEY")),
            new BuiltIn("europepmc", "europepmc", Optional.empty()),
            new BuiltIn("clinicaltrials", "clinicaltrials", Optional.empty()),
            new BuiltIn("openalex", "openalex", Optional.of("OPENALEX_API_KEY")));

    private static final String SOURCE_SHAPE = Section.shape(COMMON_KEYS);

    private final SourceTypes types;

    SourcesReader(SourceTypes types) {
        this.types = types;
    }

    /** The built-in sources whose type is installed, in the order reports list them. */
    Map<String, SourceConfig> builtIn() {
        Map<String, SourceConfig> sources = new LinkedHashMap<>();
        for (BuiltIn source : BUILT_IN) {
            types.find(source.type()).flatMap(EvidenceSourceType::defaultBaseUrl).ifPresent(url -> sources.put(
                    source.name(), new SourceConfig(source.name(), source.type(), url, source.keyEnv(), false, Map.of())));
        }
        return sources;
    }

    /** The valid sources of the section {@code node}, and the names of every declared one in {@code declared}. */
    Map<String, SourceConfig> read(JsonNode node, KeyPath path, List<String> declared, Problems problems) {
        Section section = Section.of(node, path, "a map of source names to their settings", problems);
        Map<String, SourceConfig> valid = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : section.entries()) {
            String name = entry.getKey();
            if (SecretShapes.looksLikeKey(name) || SecretShapes.isCredentialName(name)) {
                continue;
            }
            declared.add(name);
            KeyPath at = section.at(name);
            int before = problems.count();
            if (!isName(name)) {
                problems.add(at, "is not a usable source name; use letters, digits, '_' and '-', starting with a"
                        + " letter or digit");
            }
            Optional<SourceConfig> source = readOne(name, entry.getValue(), at, problems);
            if (problems.count() == before) {
                source.ifPresent(config -> valid.put(name, config));
            }
        }
        return valid;
    }

    static boolean isName(String name) {
        try {
            SourceRef.of(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<SourceConfig> readOne(String name, JsonNode node, KeyPath path, Problems problems) {
        Section section = Section.of(node, path, SOURCE_SHAPE, problems);
        if (node != null && !node.isNull() && !node.isObject()) {
            return Optional.empty();
        }
        Optional<EvidenceSourceType> type = type(section, problems);
        type.ifPresent(known -> {
            List<String> allowed = new ArrayList<>(COMMON_KEYS);
            known.options().stream().map(Option::key).sorted().forEach(allowed::add);
            section.allowOnly(allowed, key -> COMMON_KEYS.contains(key) || ProvidersReader.admits(known, key),
                    " for type " + known.name());
        });
        Optional<Boolean> allowInsecureHttp = section.bool("allow-insecure-http", false);
        Optional<Optional<String>> keyEnv = ProvidersReader.keyVariable(section, "key-env", problems);
        Optional<URI> baseUrl = baseUrl(section, type, allowInsecureHttp.orElse(false), problems);
        Optional<Map<String, String>> options =
                type.flatMap(known -> ProvidersReader.options(section, known, COMMON_KEYS, problems));
        if (type.isEmpty() || baseUrl.isEmpty() || keyEnv.isEmpty() || allowInsecureHttp.isEmpty() || options.isEmpty()
                || !isName(name)) {
            return Optional.empty();
        }
        return Optional.of(new SourceConfig(name, type.get().name(), baseUrl.get(), keyEnv.get(), allowInsecureHttp.get(),
                options.get()));
    }

    private Optional<EvidenceSourceType> type(Section section, Problems problems) {
        String known = types.names().isEmpty() ? "none is installed" : String.join(", ", types.names());
        return ProvidersReader.type(section, known, types::find, "source", problems);
    }

    private static Optional<URI> baseUrl(Section section, Optional<EvidenceSourceType> type, boolean allowInsecureHttp,
            Problems problems) {
        KeyPath at = section.at("base-url");
        if (section.has("base-url") && !section.get("base-url").isNull()) {
            return Values.text(section.get("base-url"), at, "a URL", "write an absolute http(s) URL such as "
                            + "https://eutils.ncbi.nlm.nih.gov/entrez/eutils", problems)
                    .flatMap(text -> BaseUrls.check(text, allowInsecureHttp, section.has("key-env"), at, problems,
                            "every query", "source"));
        }
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (type.get().defaultBaseUrl().isEmpty()) {
            problems.add(at, "missing; a source of type " + type.get().name() + " has no default, set the URL of its API");
            return Optional.empty();
        }
        return type.get().defaultBaseUrl();
    }
}
