package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.research.GroundingSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code evidence} section and its command-line overrides into {@link GroundingSettings}: which
 * declared sources are searched ({@code use}, by default every declared source in order), how many records
 * each is asked for, and how many a sub-question is answered from. {@code evidence: none}, {@code use: none}
 * and {@code --no-evidence} turn grounding off; {@code --sources a,b} replaces {@code use}.
 */
final class EvidenceReader {

    static final List<String> KEYS = List.of("use", "results-per-source", "max-evidence-per-question");

    private static final String NONE = "none";

    private EvidenceReader() {}

    static Optional<GroundingSettings> read(JsonNode node, KeyPath path, List<String> declared, Overrides overrides,
            Problems problems) {
        if (node != null && node.isTextual() && node.textValue().strip().equals(NONE)) {
            return overrides.sources().isPresent() && !overrides.noEvidence()
                    ? sources(overrides.sources().get(), declared, problems).map(GroundingSettings::of)
                    : Optional.of(GroundingSettings.off());
        }
        Section section = Section.of(node, path, Section.shape(KEYS) + ", or none", problems);
        section.allowOnly(KEYS);
        Optional<Integer> perSource = section.has("results-per-source")
                ? Values.wholeNumber(section.get("results-per-source"), section.at("results-per-source"), 1,
                        SearchQuery.MAX_LIMIT, problems).map(Long::intValue)
                : Optional.of(GroundingSettings.DEFAULT_RESULTS_PER_SOURCE);
        Optional<Integer> perQuestion = section.wholeNumber("max-evidence-per-question",
                GroundingSettings.DEFAULT_MAX_EVIDENCE_PER_QUESTION, 1);
        Optional<List<String>> use = section.has("use")
                ? use(section.get("use"), section.at("use"), declared, problems)
                : Optional.of(declared);
        if (overrides.sources().isPresent()) {
            use = sources(overrides.sources().get(), declared, problems);
        }
        if (overrides.noEvidence()) {
            use = Optional.of(List.of());
        }
        if (use.isEmpty() || perSource.isEmpty() || perQuestion.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GroundingSettings(use.get(), perSource.get(), perQuestion.get()));
    }

    private static Optional<List<String>> use(JsonNode node, KeyPath path, List<String> declared, Problems problems) {
        if (node.isTextual() && node.textValue().strip().equals(NONE)) {
            return Optional.of(List.of());
        }
        if (!node.isArray()) {
            problems.add(path, "expected a list of source names such as [pubmed, europepmc], or none, found "
                    + Values.found(node));
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < node.size(); i++) {
            Optional<String> name = Values.text(node.get(i), path.index(i), "a source name",
                    "name a source declared under sources", problems);
            valid &= name.isPresent() && checked(name.get(), names, declared, path.index(i), problems);
            name.ifPresent(names::add);
        }
        return valid ? Optional.of(List.copyOf(names)) : Optional.empty();
    }

    private static Optional<List<String>> sources(String text, List<String> declared, Problems problems) {
        KeyPath at = KeyPath.label("--sources");
        List<String> names = new ArrayList<>();
        boolean valid = true;
        for (String name : Arrays.stream(text.split(",")).map(String::strip).toList()) {
            if (name.isEmpty()) {
                problems.add(at, "has an empty entry; write source names separated by commas, such as pubmed,europepmc,"
                        + " or use --no-evidence");
                return Optional.empty();
            }
            valid &= checked(name, names, declared, at, problems);
            names.add(name);
        }
        return valid ? Optional.of(List.copyOf(names)) : Optional.empty();
    }

    private static boolean checked(String name, List<String> earlier, List<String> declared, KeyPath at,
            Problems problems) {
        if (!declared.contains(name)) {
            problems.add(at, Shown.quoted(name) + " is not a declared source; declared sources: "
                    + (declared.isEmpty() ? "none" : String.join(", ", declared)));
            return false;
        }
        if (earlier.contains(name)) {
            problems.add(at, Shown.quoted(name) + " is named twice; name each source once");
            return false;
        }
        return true;
    }
}
