package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A script for the {@link ProviderSimulator}: for each model (and Hugging Face route) and each evidence
 * source (and endpoint), a sequence or a seeded mix of {@link Behaviour}s. Models and sources it does not
 * name answer normally, so a scenario only lists what should go wrong. Take a built-in ({@link #builtIn}),
 * load a YAML file ({@link #load}; the shape is in {@code simulator/scenarios/README.md}) or build one in
 * code ({@link #builder}).
 */
public final class Scenario {

    private static final List<String> BUILT_INS = List.of("hf-outage", "rate-limited", "all-down", "sources-down");
    private static final String BUILT_IN_FOLDER = "/simulator/scenarios/";

    private final String name;
    private final String description;
    private final long seed;
    private final boolean sufficient;
    private final int arrayItems;
    private final Map<ModelKey, ModelRule> rules;
    private final Map<SourceKey, SourceRule> sources;

    Scenario(String name, String description, long seed, boolean sufficient, List<ModelRule> rules,
            List<SourceRule> sourceRules) {
        this(name, description, seed, sufficient, SchemaInstance.ARRAY_ITEMS, rules, sourceRules);
    }

    private Scenario(String name, String description, long seed, boolean sufficient, int arrayItems,
            List<ModelRule> rules, List<SourceRule> sourceRules) {
        this.arrayItems = Require.positive(arrayItems, "arrayItems");
        this.name = Require.nonBlank(name, "name");
        this.description = Require.nonNull(description, "description");
        this.seed = seed;
        this.sufficient = sufficient;
        this.rules = byKey(rules, ModelRule::key, "model");
        this.sources = byKey(sourceRules, SourceRule::key, "source");
    }

    /** The names of the built-in scenarios, the demo's default first. */
    public static List<String> names() {
        return BUILT_INS;
    }

    /**
     * The built-in scenario {@code name}: {@code hf-outage}, {@code rate-limited}, {@code all-down} or {@code sources-down}.
     *
     * @throws IllegalArgumentException listing the built-in names when there is none of that name
     */
    public static Scenario builtIn(String name) {
        Require.nonNull(name, "name");
        if (!BUILT_INS.contains(name)) {
            throw new IllegalArgumentException("there is no built-in scenario \"" + name + "\"; built-in scenarios: "
                    + String.join(", ", BUILT_INS) + " (or give the path of a scenario YAML file)");
        }
        try (InputStream in = Scenario.class.getResourceAsStream(BUILT_IN_FOLDER + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + name + " is missing from the classpath"
                        + " (expected at " + BUILT_IN_FOLDER + name + ".yaml); rebuild the simulator module");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return ScenarioYaml.parse(text, name, "built-in scenario " + name, Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read built-in scenario " + name, e);
        }
    }

    /**
     * Reads the scenario YAML file {@code yaml}; a {@code body-file} in it is looked up next to the file,
     * then among the bundled payloads. The scenario is named after the file, without its extension.
     *
     * @throws IllegalArgumentException with a one-line message naming the file and the path of the wrong value
     */
    public static Scenario load(Path yaml) {
        Require.nonNull(yaml, "yaml");
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("scenario file " + yaml + " does not exist; give a YAML file or one of"
                    + " the built-in scenarios: " + String.join(", ", BUILT_INS), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read scenario file " + yaml + ": " + e.getMessage(), e);
        }
        String fileName = yaml.getFileName().toString();
        String name = fileName.replaceFirst("\\.(ya?ml)$", "");
        Path folder = yaml.toAbsolutePath().getParent();
        return ScenarioYaml.parse(text, name.isBlank() ? fileName : name, "scenario file " + yaml, Optional.ofNullable(folder));
    }

    /** A builder for a scenario named {@code name}, for tests and benchmarks. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** What the scenario shows, in one line; empty if it says nothing. */
    public String description() {
        return description;
    }

    long seed() {
        return seed;
    }

    boolean sufficient() {
        return sufficient;
    }

    int arrayItems() {
        return arrayItems;
    }

    Map<ModelKey, ModelRule> rules() {
        return rules;
    }

    Map<SourceKey, SourceRule> sources() {
        return sources;
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", models=" + rules.keySet() + ", sources=" + sources.keySet() + ", seed=" + seed + "]";
    }

    private static <K, R> Map<K, R> byKey(List<R> rules, Function<R, K> key, String what) {
        Map<K, R> byKey = new LinkedHashMap<>();
        for (R rule : rules) {
            if (byKey.putIfAbsent(key.apply(rule), rule) != null) {
                throw new IllegalArgumentException(what + " " + key.apply(rule) + " is scripted twice; script it once");
            }
        }
        return Collections.unmodifiableMap(byKey);
    }

    /**
     * Builds a {@link Scenario} in code, for example
     * {@code Scenario.builder("failover").model("hf:Qwen/Qwen2.5-72B-Instruct", m -> m.servedBy("novita")
     * .always(Behaviour.status(500, "{\"error\":\"boom\"}"))).source("pubmed", s -> s.sequence(
     * Behaviour.payload(429, "ncbi-error-429-rate-limit.json"), Behaviour.ok())).build()}.
     */
    public static final class Builder {

        private final String name;
        private String description = "";
        private long seed;
        private boolean sufficient = true;
        private int arrayItems = SchemaInstance.ARRAY_ITEMS;
        private final List<ModelRule> rules = new ArrayList<>();
        private final List<SourceRule> sources = new ArrayList<>();

        private Builder(String name) {
            this.name = Require.nonBlank(name, "name");
        }

        public Builder description(String value) {
            this.description = Require.nonNull(value, "description");
            return this;
        }

        /** The seed of every mix and latency distribution; 0 unless set. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The value of a boolean property named {@code sufficient} in structured answers; {@code true} unless set. */
        public Builder sufficient(boolean value) {
            this.sufficient = value;
            return this;
        }

        /**
         * How many items each array of a structured answer holds (within its schema's minItems and maxItems),
         * so a plan can have as many sub-questions as a benchmark needs; {@value SchemaInstance#ARRAY_ITEMS} unless set.
         */
        public Builder arrayItems(int value) {
            this.arrayItems = Require.positive(value, "arrayItems");
            return this;
        }

        /**
         * Scripts the model {@code key}: {@code hf:<org/name>}, {@code hf:<org/name>:<route>},
         * {@code openai:<model>}, {@code hf:*} or {@code openai:*}.
         */
        public Builder model(String key, Consumer<ModelScript> script) {
            ModelScript modelScript = new ModelScript(parsed("model", key, ModelKey::parse));
            Require.nonNull(script, "script").accept(modelScript);
            rules.add(modelScript.rule());
            return this;
        }

        /**
         * Scripts the evidence source {@code key}: {@code pubmed}, {@code europepmc}, {@code clinicaltrials} or
         * {@code openalex}, or one endpoint such as {@code pubmed:efetch}.
         */
        public Builder source(String key, Consumer<SourceScript> script) {
            SourceKey parsed = parsed("source", key, SourceKey::parse);
            SourceScript sourceScript = new SourceScript(parsed);
            Require.nonNull(script, "script").accept(sourceScript);
            sources.add(new SourceRule(parsed, sourceScript.plan()));
            return this;
        }

        private static <K> K parsed(String what, String key, Function<String, K> parser) {
            Require.nonNull(key, "key");
            try {
                return parser.apply(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " key \"" + key + "\": " + e.getMessage(), e);
            }
        }

        public Scenario build() {
            return new Scenario(name, description, seed, sufficient, arrayItems, rules, sources);
        }
    }

    /**
     * The plan of one model or source of a {@link Builder}: one of always, sequence, cycle, or repeated mix calls.
     *
     * @param <S> the script type, returned by every call so they chain
     */
    public abstract static sealed class Script<S extends Script<S>> permits ModelScript, SourceScript {

        private final String subject;
        private Plan plan;
        private final List<Plan.Weighted> mix = new ArrayList<>();

        private Script(String subject) {
            this.subject = subject;
        }

        /** Every request gets {@code behaviour}. */
        public S always(Behaviour behaviour) {
            return sequence(behaviour);
        }

        /** The n-th request gets the n-th behaviour; once they are used up, the last one repeats. */
        public S sequence(Behaviour first, Behaviour... then) {
            return plan(new Plan.Sequence(list(first, then), false));
        }

        /** The n-th request gets the n-th behaviour, starting over after the last. */
        public S cycle(Behaviour first, Behaviour... then) {
            return plan(new Plan.Sequence(list(first, then), true));
        }

        /** Adds {@code behaviour} to a seeded mix with {@code weight}; call once per entry. */
        public S mix(double weight, Behaviour behaviour) {
            if (plan != null) {
                throw conflict();
            }
            mix.add(new Plan.Weighted(weight, behaviour));
            return self();
        }

        abstract S self();

        private S plan(Plan value) {
            if (plan != null || !mix.isEmpty()) {
                throw conflict();
            }
            plan = value;
            return self();
        }

        private IllegalArgumentException conflict() {
            return new IllegalArgumentException(subject + " is given two plans; use one of always, sequence,"
                    + " cycle, or mix calls");
        }

        private static List<Behaviour> list(Behaviour first, Behaviour... then) {
            List<Behaviour> all = new ArrayList<>();
            all.add(Require.nonNull(first, "behaviour"));
            all.addAll(Arrays.asList(Require.nonNull(then, "behaviours")));
            all.forEach(behaviour -> Require.nonNull(behaviour, "behaviour"));
            return all;
        }

        Plan plan() {
            if (plan == null && mix.isEmpty()) {
                throw new IllegalArgumentException(subject + " has no plan; say what it answers with always,"
                        + " sequence, cycle or mix");
            }
            return plan != null ? plan : new Plan.Mix(mix);
        }
    }

    /** What one model of a {@link Builder} does, and for a router model who serves it. */
    public static final class ModelScript extends Script<ModelScript> {

        private final ModelKey key;
        private Optional<String> servedBy = Optional.empty();

        private ModelScript(ModelKey key) {
            super("model " + key);
            this.key = key;
        }

        /** The inference provider named in {@code x-inference-provider} when a request pins none; {@code hf-inference} unless set. */
        public ModelScript servedBy(String provider) {
            ModelRule.checkServedBy(key, Require.nonNull(provider, "provider"));
            this.servedBy = Optional.of(provider);
            return this;
        }

        @Override
        ModelScript self() {
            return this;
        }

        private ModelRule rule() {
            return new ModelRule(key, servedBy, plan());
        }
    }

    /** What one evidence source (or endpoint) of a {@link Builder} does. */
    public static final class SourceScript extends Script<SourceScript> {

        private SourceScript(SourceKey key) {
            super("source " + key);
        }

        @Override
        SourceScript self() {
            return this;
        }
    }
}
