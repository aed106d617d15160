package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.internal.Suggestions;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One map of the YAML tree at its key path, such as {@code resilience.backoff}: reads its keys with
 * defaults for the missing ones, and reports keys it does not know. A key with no value at all
 * ({@code resilience:} followed by nothing) reads as an empty map.
 */
final class Section {

    private final ObjectNode node;
    private final KeyPath path;
    private final Problems problems;

    private Section(ObjectNode node, KeyPath path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * The map {@code node} at {@code path}; anything other than a map is one problem, saying it should be
     * {@code expected} (such as {@code "a map with keys initial, max, jitter"}), and reads as an empty map.
     */
    static Section of(JsonNode node, KeyPath path, String expected, Problems problems) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new Section(JsonNodeFactory.instance.objectNode(), path, problems);
        }
        if (!node.isObject()) {
            problems.add(path, "expected " + expected + ", found " + Values.found(node));
            return new Section(JsonNodeFactory.instance.objectNode(), path, problems);
        }
        return new Section((ObjectNode) node, path, problems);
    }

    /** How a problem describes a map of {@code keys}: {@code a map with keys initial, max, jitter}. */
    static String shape(Collection<String> keys) {
        return "a map with keys " + String.join(", ", keys);
    }

    /**
     * Reports every key that {@code admits} refuses, with the allowed key it most likely meant, if any, and the
     * {@code allowed} keys as a configuration writes them; {@code forWhat} qualifies "unknown key".
     */
    void allowOnly(Collection<String> allowed, Predicate<String> admits, String forWhat) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (!admits.test(key) && !SecretShapes.isCredentialName(key) && !SecretShapes.looksLikeKey(key)) {
                String guess = Suggestions.nearest(key, allowed).map(meant -> "; did you mean " + meant + "?").orElse("");
                problems.add(at(key), "unknown key" + forWhat + guess + "; allowed keys: " + String.join(", ", allowed));
            }
        }
    }

    void allowOnly(Collection<String> allowed) {
        allowOnly(allowed, allowed::contains, "");
    }

    boolean has(String key) {
        return node.has(key);
    }

    boolean isEmpty() {
        return node.isEmpty();
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    Set<Map.Entry<String, JsonNode>> entries() {
        return node.properties();
    }

    KeyPath path() {
        return path;
    }

    KeyPath at(String key) {
        return path.key(key);
    }

    Problems problems() {
        return problems;
    }

    /** The sub-map {@code key}, empty when absent. */
    Section section(String key, String expected) {
        return of(node.get(key), at(key), expected, problems);
    }

    Optional<Duration> duration(String key, Duration fallback) {
        return has(key) ? Values.duration(get(key), at(key), problems) : Optional.of(fallback);
    }

    Optional<Optional<Duration>> durationOrNone(String key, Optional<Duration> fallback) {
        return has(key) ? Values.durationOrNone(get(key), at(key), problems) : Optional.of(fallback);
    }

    Optional<Integer> wholeNumber(String key, int fallback, int min) {
        return has(key)
                ? Values.wholeNumber(get(key), at(key), min, Integer.MAX_VALUE, problems).map(Long::intValue)
                : Optional.of(fallback);
    }

    Optional<Long> wholeNumber(String key, long fallback, long min) {
        return has(key) ? Values.wholeNumber(get(key), at(key), min, Long.MAX_VALUE, problems) : Optional.of(fallback);
    }

    Optional<Double> fraction(String key, double fallback) {
        return has(key) ? Values.fraction(get(key), at(key), problems) : Optional.of(fallback);
    }

    Optional<Boolean> bool(String key, boolean fallback) {
        return has(key) ? Values.bool(get(key), at(key), problems) : Optional.of(fallback);
    }
}
