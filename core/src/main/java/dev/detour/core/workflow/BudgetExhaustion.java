package dev.detour.core.workflow;

import dev.detour.core.internal.Require;

/**
 * Which limit of a run's budget ran out, and how far.
 *
 * @param resource the limit that ran out
 * @param limit the limit (tokens, calls, or milliseconds)
 * @param used how much was used when it was noticed
 */
public record BudgetExhaustion(Resource resource, long limit, long used) {

    /** The limits a budget has. */
    public enum Resource {
        TOKENS("token budget", "tokens"),
        MODEL_CALLS("model-call budget", "calls"),
        TIME("time limit", "ms");

        private final String description;
        private final String unit;

        Resource(String description, String unit) {
            this.description = description;
            this.unit = unit;
        }

        /** The limit's name in a sentence, such as {@code token budget}. */
        public String description() {
            return description;
        }

        /** The unit of {@link BudgetExhaustion#limit()} and {@link BudgetExhaustion#used()}. */
        public String unit() {
            return unit;
        }
    }

    public BudgetExhaustion {
        Require.nonNull(resource, "resource");
    }

    /** A sentence such as {@code token budget exhausted: 50312 of 50000 tokens used}. */
    public String describe() {
        return resource.description() + " exhausted: " + used + " of " + limit + " " + resource.unit() + " used";
    }
}
