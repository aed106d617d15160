package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one model of a scenario does: its plan, and for a Hugging Face model the inference provider that
 * serves it when a request pins none (for example {@code novita} for a router that picked Novita).
 */
record ModelRule(ModelKey key, Optional<String> servedBy, Plan plan) {

    /** The router's routing policies: a suffix naming one of them pins no provider. */
    static final Set<String> POLICIES = Set.of("fastest", "cheapest", "preferred");
    static final String DEFAULT_PROVIDER = "hf-inference";

    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    ModelRule {
        Require.nonNull(key, "key");
        Require.nonNull(servedBy, "servedBy");
        Require.nonNull(plan, "plan");
        servedBy.ifPresent(provider -> checkServedBy(key, provider));
        plan.behaviours().forEach(ModelRule::checkBehaviour);
    }

    /**
     * Checks that a model can do {@code behaviour}: the kinds made for evidence sources are refused.
     *
     * @throws IllegalArgumentException saying what to script instead
     */
    static void checkBehaviour(Behaviour behaviour) {
        switch (Decorated.of(behaviour).inner()) {
            case ErrorIn200 error -> throw new IllegalArgumentException("kind error-in-200 is for PubMed (an evidence"
                    + " source), not for a model; a model's error inside HTTP 200 is stream-error");
            case NoHits none -> throw new IllegalArgumentException("kind no-hits is for evidence sources, not for a"
                    + " model; a model that answers nothing is ok with an empty stream-cut, or malformed");
            default -> { }
        }
    }

    /** The answer of a model no rule names: always a normal answer. */
    static ModelRule answeringOk(ModelKey key) {
        return new ModelRule(key, Optional.empty(), new Plan.Sequence(List.of(Behaviour.ok()), false));
    }

    /**
     * Checks a {@code served-by} provider name.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static void checkServedBy(ModelKey key, String provider) {
        if (key.surface() != Surface.HUGGING_FACE) {
            throw new IllegalArgumentException("served-by applies to Hugging Face models (hf:…) only, not to " + key);
        }
        if (!PROVIDER.matcher(provider).matches()) {
            throw new IllegalArgumentException("\"" + provider + "\" is not a provider name such as novita or hf-inference");
        }
        if (POLICIES.contains(provider)) {
            throw new IllegalArgumentException("\"" + provider + "\" is a routing policy, not a provider;"
                    + " name the provider that serves, such as novita or hf-inference");
        }
    }
}
