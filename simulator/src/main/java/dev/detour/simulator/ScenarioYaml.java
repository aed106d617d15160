package dev.detour.simulator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.detour.core.internal.Suggestions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario from YAML, checking every value and reporting every wrong one at once, one line each
 * naming where it is, such as {@code models."hf:X".behaviours[2].status: 99 is not an HTTP status} or
 * {@code sources.europepmc.behaviours[0]: kind error-in-200 is what PubMed's E-utilities do…} (within one
 * behaviour, the first problem only).
 */
final class ScenarioYaml {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB)");

    private static final Set<String> COMMON = Set.of("kind", "latency", "headers");
    private static final Map<String, Set<String>> KINDS = kinds();
    private static final List<String> MODEL_KINDS = List.of("ok", "status", "html", "malformed", "disconnect", "drip",
            "stream-cut", "stream-error", "oversized");
    private static final List<String> SOURCE_KINDS = List.of("ok", "status", "html", "malformed", "disconnect", "drip",
            "oversized", "error-in-200", "no-hits");
    private static final Set<String> NEED_FIELDS = Set.of("status", "stream-error");

    private final Optional<Path> folder;
    private final List<String> problems = new ArrayList<>();

    private ScenarioYaml(Optional<Path> folder) {
        this.folder = folder;
    }

    /**
     * Reads the scenario {@code name} from {@code text}.
     *
     * @param origin where the text came from, such as {@code scenario file ./x.yaml}, to start error messages with
     * @param folder where {@code body-file} names are looked up before the bundled payloads, if anywhere
     * @throws IllegalArgumentException with one line per wrong value, each naming {@code origin} and its path
     */
    static Scenario parse(String text, String name, String origin, Optional<Path> folder) {
        firstAlias(text).ifPresent(alias -> {
            throw new IllegalArgumentException(origin + ": " + alias);
        });
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String line = where == null || where.getLineNr() < 0 ? "" : " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr();
            throw new IllegalArgumentException(origin + ": not valid YAML" + line + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " ").strip(), e);
        }
        ScenarioYaml reader = new ScenarioYaml(folder);
        Optional<Scenario> scenario = reader.part(() -> reader.scenario(new At(root == null ? YAML.missingNode() : root, ""), name));
        if (!reader.problems.isEmpty()) {
            throw new IllegalArgumentException(reader.problems.stream().map(problem -> origin + ": " + problem)
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        return scenario.orElseThrow();
    }

    /**
     * What is wrong with the text's first YAML alias ({@code *name}), if any: Jackson would silently read it as
     * the text {@code name}. Syntax errors are left to the real read.
     */
    private static Optional<String> firstAlias(String text) {
        try (com.fasterxml.jackson.core.JsonParser parser = YAML.createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    JsonLocation at = parser.currentTokenLocation();
                    return Optional.of("line " + at.getLineNr() + ", column " + at.getColumnNr() + ": *" + parser.getText()
                            + " is a YAML alias (a reference to a value marked &" + parser.getText() + " elsewhere);"
                            + " scenarios do not support aliases: write the value out in full there");
                }
            }
        } catch (IOException e) {
            // The real read reports it.
        }
        return Optional.empty();
    }

    /** Runs {@code check}, noting its problem if it finds one, so the reading goes on. */
    private void check(Runnable check) {
        part(() -> {
            check.run();
            return true;
        });
    }

    /** The part {@code read} reads, or empty after noting its problem, so the reading goes on to the next part. */
    private <T> Optional<T> part(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (Invalid e) {
            problems.add(e.getMessage());
            return Optional.empty();
        } catch (Noted e) {
            return Optional.empty();
        }
    }

    private Scenario scenario(At root, String name) {
        if (root.node().isMissingNode() || root.node().isNull()) {
            return new Scenario(name, "", 0, true, List.of(), List.of());
        }
        root.requireMap("a scenario is a map with the fields description, seed, sufficient, models and sources");
        check(() -> root.onlyFields(Set.of("description", "seed", "sufficient", "models", "sources"),
                "at the top of a scenario"));
        String description = part(() -> root.optional("description").map(At::text).orElse("")).orElse("");
        long seed = part(() -> root.optional("seed").map(At::wholeNumber).orElse(0L)).orElse(0L);
        boolean sufficient = part(() -> root.optional("sufficient").map(At::bool).orElse(true)).orElse(true);
        List<ModelRule> rules = entries(root, "models", "models maps a model key such as \"hf:Qwen/Qwen2.5-72B-Instruct\""
                + " to what it does", key -> "\"" + key + "\"", this::model);
        List<SourceRule> sourceRules = entries(root, "sources", "sources maps a source such as pubmed or"
                + " \"pubmed:efetch\" to what it does", key -> key, this::source);
        return new Scenario(name, description, seed, sufficient, rules, sourceRules);
    }

    /** The rules of the map {@code field}, each read by {@code reader} from its key and value; {@code shown} writes a key in paths. */
    private <R> List<R> entries(At root, String field, String what, UnaryOperator<String> shown,
            BiFunction<String, At, R> reader) {
        List<R> rules = new ArrayList<>();
        Optional<At> map = root.optional(field);
        if (map.isPresent()) {
            map.get().requireMap(what);
            for (Map.Entry<String, JsonNode> entry : map.get().node().properties()) {
                At value = new At(entry.getValue(), map.get().path() + "." + shown.apply(entry.getKey()));
                part(() -> reader.apply(entry.getKey(), value)).ifPresent(rules::add);
            }
        }
        return rules;
    }

    private SourceRule source(String keyText, At at) {
        SourceKey key = at.parsed(keyText, SourceKey::parse);
        at.requireMap("a source is a map with behaviours (a sequence) or mix (weighted), and optionally then");
        at.onlyFields(Set.of("behaviours", "then", "mix"), "for a source");
        return new SourceRule(key, plan(at, SOURCE_KINDS, behaviour -> SourceRule.checkBehaviour(key, behaviour)));
    }

    private ModelRule model(String keyText, At at) {
        ModelKey key = at.parsed(keyText, ModelKey::parse);
        at.requireMap("a model is a map with behaviours (a sequence) or mix (weighted), and optionally served-by and then");
        at.onlyFields(Set.of("served-by", "behaviours", "then", "mix"), "for a model");
        Optional<String> servedBy = at.optional("served-by").map(value -> {
            String provider = value.text();
            try {
                ModelRule.checkServedBy(key, provider);
            } catch (IllegalArgumentException e) {
                throw value.invalid(e.getMessage());
            }
            return provider;
        });
        return new ModelRule(key, servedBy, plan(at, MODEL_KINDS, ModelRule::checkBehaviour));
    }

    /** The sequence or mix of {@code at}, each behaviour one of {@code kinds} and passing {@code check}. */
    private Plan plan(At at, List<String> kinds, Consumer<Behaviour> check) {
        Optional<At> behaviours = at.optional("behaviours");
        Optional<At> mix = at.optional("mix");
        if (behaviours.isPresent() == mix.isPresent()) {
            throw at.invalid("give either behaviours (a sequence) or mix (weighted entries), "
                    + (behaviours.isPresent() ? "not both" : "neither is there"));
        }
        if (mix.isPresent()) {
            at.optional("then").ifPresent(then -> {
                throw then.invalid("then applies to behaviours, not to a mix");
            });
            List<Plan.Weighted> entries = new ArrayList<>();
            for (At entry : mix.get().items()) {
                part(() -> weighted(entry, kinds, check)).ifPresent(entries::add);
            }
            if (entries.size() < mix.get().node().size()) {
                throw new Noted();
            }
            return new Plan.Mix(entries);
        }
        boolean cycle = at.optional("then").map(then -> switch (then.text()) {
            case "repeat-last" -> false;
            case "cycle" -> true;
            default -> throw then.invalid("\"" + then.text() + "\" is not one of repeat-last, cycle");
        }).orElse(false);
        List<Behaviour> steps = new ArrayList<>();
        for (At step : behaviours.get().items()) {
            part(() -> behaviour(step, false, kinds, check)).ifPresent(steps::add);
        }
        if (steps.size() < behaviours.get().node().size()) {
            throw new Noted();
        }
        return new Plan.Sequence(steps, cycle);
    }

    private Plan.Weighted weighted(At at, List<String> kinds, Consumer<Behaviour> check) {
        at.requireMap("a mix entry is a map with a weight and a behaviour, such as {weight: 3, status: 500}");
        At weight = at.optional("weight").orElseThrow(() -> at.invalid("a mix entry needs a weight, such as weight: 3"));
        double value = weight.number();
        if (!(value > 0) || Double.isInfinite(value)) {
            throw weight.invalid(weight.shown() + " is not a weight; use a number above 0");
        }
        return new Plan.Weighted(value, behaviour(at, true, kinds, check));
    }

    private Behaviour behaviour(At at, boolean inMix, List<String> kinds, Consumer<Behaviour> check) {
        try {
            Behaviour behaviour = behaviour(at, inMix, kinds);
            check.accept(behaviour);
            return behaviour;
        } catch (IllegalArgumentException e) {
            throw at.invalid(e.getMessage());
        }
    }

    private Behaviour behaviour(At at, boolean inMix, List<String> kinds) {
        if (at.node().isTextual()) {
            String kind = at.text();
            checkKind(at, kind, kinds);
            if (NEED_FIELDS.contains(kind)) {
                throw at.invalid("kind " + kind + " needs more than its name; write it as a map, such as "
                        + (kind.equals("status") ? "{status: 500, body-file: hf-router-error-500-representative.json}"
                                : "{kind: stream-error, body: '{\"error\":\"…\"}'}"));
            }
            return kind(kind, new At(YAML.createObjectNode(), at.path()));
        }
        at.requireMap("a behaviour is a kind name such as ok, or a map such as {status: 500, body-file: …}");
        String kind = at.optional("kind").map(At::text).orElse(at.has("status") ? "status" : "ok");
        checkKind(at.optional("kind").orElse(at), kind, kinds);
        Set<String> allowed = new LinkedHashSet<>(COMMON);
        allowed.addAll(KINDS.get(kind));
        if (inMix) {
            allowed.add("weight");
        }
        at.onlyFields(allowed, "for kind " + kind);
        Behaviour behaviour = kind(kind, at);
        Latency latency = at.optional("latency").map(this::latency).orElse(Latency.NONE);
        Map<String, String> headers = at.optional("headers").map(this::headers).orElse(Map.of());
        if (latency == Latency.NONE && headers.isEmpty()) {
            return behaviour;
        }
        return new Decorated(behaviour, latency, headers);
    }

    private static void checkKind(At at, String kind, List<String> kinds) {
        if (kinds.contains(kind)) {
            return;
        }
        if (KINDS.containsKey(kind)) {
            boolean forSources = SOURCE_KINDS.contains(kind);
            throw at.invalid("kind " + kind + " is for " + (forSources ? "evidence sources" : "models") + " only; kinds for "
                    + (forSources ? "a model" : "a source") + ": " + String.join(", ", kinds));
        }
        throw at.invalid("\"" + kind + "\" is not a kind of behaviour; kinds: " + String.join(", ", kinds));
    }

    private Behaviour kind(String kind, At at) {
        return switch (kind) {
            case "ok" -> new Ok(at.optional("finish-reason").map(At::text).orElse(Ok.STOP));
            case "status" -> {
                int status = status(at.optional("status").orElseThrow(() -> at.invalid("kind status needs a status, such as status: 500")));
                String body = body(at, false).orElse("");
                String contentType = at.optional("content-type").map(At::text).orElse(ContentTypes.guess(body));
                yield new StatusResponse(status, body, contentType);
            }
            case "html" -> new HtmlPage(at.optional("status").map(ScenarioYaml::status).orElse(HtmlPage.BAD_GATEWAY));
            case "malformed" -> new MalformedJson();
            case "disconnect" -> {
                Optional<At> afterBytes = at.optional("after-bytes");
                boolean beforeHeaders = at.optional("before-headers").map(At::bool).orElse(false);
                if (beforeHeaders && afterBytes.isPresent()) {
                    throw afterBytes.get().invalid("after-bytes does not go with before-headers: true; keep one");
                }
                yield new Disconnect(beforeHeaders, afterBytes.map(value -> value.intAtLeast(0)).orElse(Disconnect.HALF));
            }
            case "drip" -> new SlowDrip(
                    at.optional("chunk-bytes").map(value -> value.intAtLeast(1)).orElse(16),
                    at.optional("interval").map(ScenarioYaml::duration).orElse(Duration.ofMillis(20)));
            case "stream-cut" -> new StreamCut(
                    at.optional("after-events").map(value -> value.intAtLeast(0)).orElse(2),
                    at.optional("abrupt").map(At::bool).orElse(false));
            case "stream-error" -> new StreamError(
                    at.optional("after-events").map(value -> value.intAtLeast(0)).orElse(1),
                    body(at, true).orElseThrow());
            case "oversized" -> new Oversized(at.optional("bytes").map(ScenarioYaml::size).orElse(Oversized.DEFAULT_BYTES));
            case "error-in-200" -> new ErrorIn200(at.optional("message").map(At::text).orElse(ErrorIn200.DEFAULT_MESSAGE));
            case "no-hits" -> new NoHits();
            default -> throw new IllegalStateException("kind " + kind + " is listed but not read");
        };
    }

    private static int status(At at) {
        long status = at.wholeNumber();
        if (!HttpStatuses.isValid(status)) {
            throw at.invalid(HttpStatuses.problem(status));
        }
        return (int) status;
    }

    private Optional<String> body(At at, boolean required) {
        Optional<At> body = at.optional("body");
        Optional<At> file = at.optional("body-file");
        if (body.isPresent() && file.isPresent()) {
            throw file.get().invalid("give body or body-file, not both");
        }
        if (body.isPresent()) {
            JsonNode node = body.get().node();
            return Optional.of(node.isContainerNode() ? node.toString() : body.get().text());
        }
        if (file.isPresent()) {
            return Optional.of(bodyFile(file.get()));
        }
        if (required) {
            throw at.invalid("this kind needs a body or a body-file");
        }
        return Optional.empty();
    }

    private String bodyFile(At at) {
        String name = at.text();
        Optional<Path> nextToScenario = folder.map(dir -> dir.resolve(name));
        if (nextToScenario.isPresent() && Files.isRegularFile(nextToScenario.get())) {
            try {
                return Files.readString(nextToScenario.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read body-file " + nextToScenario.get() + ": " + e.getMessage(), e);
            }
        }
        if (Payloads.exists(name)) {
            return Payloads.read(name);
        }
        throw at.invalid("\"" + name + "\" is "
                + nextToScenario.map(path -> "neither a file next to the scenario (" + path + ") nor ").orElse("not ")
                + "a bundled payload; bundled payloads: " + String.join(", ", Payloads.NAMES));
    }

    private Latency latency(At at) {
        if (!at.node().isObject()) {
            return new Latency.Fixed(duration(at));
        }
        if (at.has("min") || at.has("max")) {
            at.onlyFields(Set.of("min", "max"), "for a uniform latency");
            Duration min = duration(at.optional("min").orElseThrow(() -> at.invalid("a uniform latency needs min and max")));
            At maxAt = at.optional("max").orElseThrow(() -> at.invalid("a uniform latency needs min and max"));
            Duration max = duration(maxAt);
            if (max.compareTo(min) < 0) {
                throw maxAt.invalid(maxAt.shown() + " is below min; max must be at least min");
            }
            return new Latency.Uniform(min, max);
        }
        if (at.has("mean") || at.has("stddev")) {
            at.onlyFields(Set.of("mean", "stddev"), "for a normal latency");
            return new Latency.Normal(
                    duration(at.optional("mean").orElseThrow(() -> at.invalid("a normal latency needs mean and stddev"))),
                    duration(at.optional("stddev").orElseThrow(() -> at.invalid("a normal latency needs mean and stddev"))));
        }
        throw at.invalid("a latency is a duration such as 200ms, {min: 100ms, max: 300ms} or {mean: 200ms, stddev: 50ms}");
    }

    private Map<String, String> headers(At at) {
        at.requireMap("headers maps a header name to its value, such as {Retry-After: \"1\"}");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : at.node().properties()) {
            At value = new At(entry.getValue(), at.path() + "." + entry.getKey());
            if (!value.node().isValueNode() || value.node().isNull()) {
                throw value.invalid("a header value is text or a number");
            }
            try {
                Decorated.checkHeader(entry.getKey(), value.node().asText());
            } catch (IllegalArgumentException e) {
                throw value.invalid(e.getMessage());
            }
            headers.put(entry.getKey(), value.node().asText());
        }
        return headers;
    }

    private static Duration duration(At at) {
        Matcher matcher = at.node().isTextual() ? DURATION.matcher(at.node().asText().strip()) : null;
        if (matcher == null || !matcher.matches()) {
            throw at.invalid(at.shown() + " is not a duration; write it like 200ms or 1.5s");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        BigDecimal millis = matcher.group(2).equals("s") ? amount.movePointRight(3) : amount;
        return Duration.ofNanos(millis.movePointRight(6).longValue());
    }

    private static long size(At at) {
        long bytes;
        if (at.node().isIntegralNumber()) {
            bytes = at.node().asLong();
        } else {
            Matcher matcher = at.node().isTextual() ? SIZE.matcher(at.node().asText().strip()) : null;
            if (matcher == null || !matcher.matches()) {
                throw at.invalid(at.shown() + " is not a size; write a number of bytes or a size like 512KiB or 16MiB");
            }
            long unit = switch (matcher.group(2)) {
                case "KiB" -> 1024L;
                case "MiB" -> 1024L * 1024;
                default -> 1L;
            };
            bytes = Long.parseLong(matcher.group(1)) * unit;
        }
        if (bytes < Oversized.MIN_BYTES) {
            throw at.invalid(at.shown() + " is too small to be oversized; use at least " + Oversized.MIN_BYTES + " bytes");
        }
        return bytes;
    }

    private static Map<String, Set<String>> kinds() {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        kinds.put("ok", Set.of("finish-reason"));
        kinds.put("status", Set.of("status", "body", "body-file", "content-type"));
        kinds.put("html", Set.of("status"));
        kinds.put("malformed", Set.of());
        kinds.put("disconnect", Set.of("after-bytes", "before-headers"));
        kinds.put("drip", Set.of("chunk-bytes", "interval"));
        kinds.put("stream-cut", Set.of("after-events", "abrupt"));
        kinds.put("stream-error", Set.of("after-events", "body", "body-file"));
        kinds.put("oversized", Set.of("bytes"));
        kinds.put("error-in-200", Set.of("message"));
        kinds.put("no-hits", Set.of());
        return Collections.unmodifiableMap(kinds);
    }

    /** A wrong value, with where it is. */
    private static final class Invalid extends RuntimeException {
        Invalid(String path, String problem) {
            super(path.isEmpty() ? problem : path + ": " + problem, null, false, false);
        }
    }

    /** A part could not be built because problems of its own parts were already noted. */
    private static final class Noted extends RuntimeException {
        Noted() {
            super(null, null, false, false);
        }
    }

    /** A node of the YAML tree and its path from the root, with typed reads that fail naming the path. */
    private record At(JsonNode node, String path) {

        Invalid invalid(String problem) {
            return new Invalid(path, problem);
        }

        /** {@code text} read by {@code parser}, whose refusal becomes a wrong value here. */
        <T> T parsed(String text, Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }

        boolean has(String field) {
            return node.has(field);
        }

        Optional<At> optional(String field) {
            JsonNode child = node.get(field);
            return child == null ? Optional.empty() : Optional.of(new At(child, path.isEmpty() ? field : path + "." + field));
        }

        void requireMap(String what) {
            if (!node.isObject()) {
                throw invalid(what + "; found " + kindOfNode());
            }
        }

        /** Fails on the first field not in {@code allowed}, with the field it was likely meant to be, if any. */
        void onlyFields(Set<String> allowed, String where) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    List<String> sorted = new ArrayList<>(allowed);
                    Collections.sort(sorted);
                    String guess = Suggestions.closest(name, sorted).map(meant -> "; did you mean " + meant + "?")
                            .orElse("");
                    throw optional(name).orElseThrow().invalid("unknown field " + where + guess + "; known fields: "
                            + String.join(", ", sorted));
                }
            }
        }

        List<At> items() {
            if (!node.isArray() || node.isEmpty()) {
                throw invalid("must be a non-empty list; found " + kindOfNode());
            }
            List<At> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(new At(node.get(i), path + "[" + i + "]"));
            }
            return items;
        }

        String text() {
            if (!node.isValueNode() || node.isNull() || node.asText().isBlank()) {
                throw invalid("must be non-empty text; found " + kindOfNode());
            }
            return node.asText();
        }

        long wholeNumber() {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw invalid(shown() + " is not a whole number");
            }
            return node.asLong();
        }

        int intAtLeast(int min) {
            long value = wholeNumber();
            if (value < min || value > Integer.MAX_VALUE) {
                throw invalid(value + " is out of range; use a whole number from " + min);
            }
            return (int) value;
        }

        double number() {
            if (!node.isNumber()) {
                throw invalid(shown() + " is not a number");
            }
            return node.asDouble();
        }

        boolean bool() {
            if (!node.isBoolean()) {
                throw invalid(shown() + " is not true or false");
            }
            return node.asBoolean();
        }

        String shown() {
            return node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
        }

        private String kindOfNode() {
            if (node.isObject()) {
                return "a map";
            }
            if (node.isArray()) {
                return node.isEmpty() ? "an empty list" : "a list";
            }
            if (node.isNull() || node.isMissingNode()) {
                return "nothing";
            }
            return shown();
        }
    }
}
