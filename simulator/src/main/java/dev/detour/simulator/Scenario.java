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

/**
 * A script for the {@link ProviderSimulator}: for each model (and Hugging Face route), a sequence or a
 * seeded mix of {@link Behaviour}s. Models it does not name answer normally, so a scenario only lists
 * what should go wrong. Take a built-in ({@link #builtIn}), load a YAML file ({@link #load}; the shape is
 * in {@code simulator/scenarios/README.md}) or build one in code ({@link #builder}).
 */
public final class Scenario {

    private static final List<String> BUILT_INS = List.of("hf-outage", "rate-limited", "all-down");
    private static final String BUILT_IN_FOLDER = "/simulator/scenarios/";

    private final String name;
    private final String description;
    private final long seed;
    private final boolean sufficient;
    private final Map<ModelKey, ModelRule> rules;

    Scenario(String name, String description, long seed, boolean sufficient, List<ModelRule> rules) {
        this.name = Require.nonBlank(name, "name");
        this.description = Require.nonNull(description, "description");
        this.seed = seed;
        this.sufficient = sufficient;
        Map<ModelKey, ModelRule> byKey = new LinkedHashMap<>();
        for (ModelRule rule : rules) {
            if (byKey.putIfAbsent(rule.key(), rule) != null) {
                throw new IllegalArgumentException("model " + rule.key() + " is scripted twice; script it once");
            }
        }
        this.rules = Collections.unmodifiableMap(byKey);
    }

    /** The names of the built-in scenarios, the demo's default first. */
    public static List<String> names() {
        return BUILT_INS;
    }

    /**
     * The built-in scenario {@code name}: {@code hf-outage}, {@code rate-limited} or {@code all-down}.
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

    Map<ModelKey, ModelRule> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", models=" + rules.keySet() + ", seed=" + seed + "]";
    }

    /**
     * Builds a {@link Scenario} in code, for example
     * {@code Scenario.builder("failover").model("hf:Qwen/Qwen2.5-72B-Instruct", m -> m.servedBy("novita")
     * .always(Behaviour.status(500, "{\"error\":\"boom\"}"))).build()}.
     */
    public static final class Builder {

        private final String name;
        private String description = "";
        private long seed;
        private boolean sufficient = true;
        private final List<ModelRule> rules = new ArrayList<>();

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
         * Scripts the model {@code key}: {@code hf:<org/name>}, {@code hf:<org/name>:<route>},
         * {@code openai:<model>}, {@code hf:*} or {@code openai:*}.
         */
        public Builder model(String key, Consumer<ModelScript> script) {
            Require.nonNull(key, "key");
            Require.nonNull(script, "script");
            ModelKey parsed;
            try {
                parsed = ModelKey.parse(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model key \"" + key + "\": " + e.getMessage(), e);
            }
            ModelScript modelScript = new ModelScript(parsed);
            script.accept(modelScript);
            rules.add(modelScript.rule());
            return this;
        }

        public Scenario build() {
            return new Scenario(name, description, seed, sufficient, rules);
        }
    }

    /** What one model of a {@link Builder} does: one of always, sequence, cycle, or repeated mix calls. */
    public static final class ModelScript {

        private final ModelKey key;
        private Optional<String> servedBy = Optional.empty();
        private Plan plan;
        private final List<Plan.Weighted> mix = new ArrayList<>();

        private ModelScript(ModelKey key) {
            this.key = key;
        }

        /** The inference provider named in {@code x-inference-provider} when a request pins none; {@code hf-inference} unless set. */
        public ModelScript servedBy(String provider) {
            ModelRule.checkServedBy(key, Require.nonNull(provider, "provider"));
            this.servedBy = Optional.of(provider);
            return this;
        }

        /** Every request gets {@code behaviour}. */
        public ModelScript always(Behaviour behaviour) {
            return sequence(behaviour);
        }

        /** The n-th request gets the n-th behaviour; once they are used up, the last one repeats. */
        public ModelScript sequence(Behaviour first, Behaviour... then) {
            return plan(new Plan.Sequence(list(first, then), false));
        }

        /** The n-th request gets the n-th behaviour, starting over after the last. */
        public ModelScript cycle(Behaviour first, Behaviour... then) {
            return plan(new Plan.Sequence(list(first, then), true));
        }

        /** Adds {@code behaviour} to a seeded mix with {@code weight}; call once per entry. */
        public ModelScript mix(double weight, Behaviour behaviour) {
            if (plan != null) {
                throw conflict();
            }
            mix.add(new Plan.Weighted(weight, behaviour));
            return this;
        }

        private ModelScript plan(Plan value) {
            if (plan != null || !mix.isEmpty()) {
                throw conflict();
            }
            plan = value;
            return this;
        }

        private IllegalArgumentException conflict() {
            return new IllegalArgumentException("model " + key + " is given two plans; use one of always, sequence,"
                    + " cycle, or mix calls");
        }

        private static List<Behaviour> list(Behaviour first, Behaviour... then) {
            List<Behaviour> all = new ArrayList<>();
            all.add(Require.nonNull(first, "behaviour"));
            all.addAll(Arrays.asList(Require.nonNull(then, "behaviours")));
            all.forEach(behaviour -> Require.nonNull(behaviour, "behaviour"));
            return all;
        }

        private ModelRule rule() {
            if (plan == null && mix.isEmpty()) {
                throw new IllegalArgumentException("model " + key + " has no plan; say what it answers with always,"
                        + " sequence, cycle or mix");
            }
            return new ModelRule(key, servedBy, plan != null ? plan : new Plan.Mix(mix));
        }
    }
}
