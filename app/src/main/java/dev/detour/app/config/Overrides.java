package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.util.Optional;

/**
 * What the command line overrides in the configuration, validated like the file: {@code --chain a,b,c},
 * {@code --max-iterations N} and {@code --token-budget N}. Start from {@link #none()}.
 *
 * @param chain comma-separated model references replacing the chain, as given
 * @param maxIterations replaces {@code workflow.max-iterations}
 * @param tokenBudget replaces {@code workflow.token-budget}
 * @param costBudget replaces {@code workflow.cost-budget}, as given ({@code --cost-budget 0.50})
 */
public record Overrides(Optional<String> chain, Optional<Integer> maxIterations, Optional<Long> tokenBudget,
        Optional<String> costBudget) {

    public Overrides {
        Require.nonNull(chain, "chain");
        Require.nonNull(maxIterations, "maxIterations");
        Require.nonNull(tokenBudget, "tokenBudget");
        Require.nonNull(costBudget, "costBudget");
    }

    /** Overrides of the chain, rounds and tokens, not of the cost budget. */
    public Overrides(Optional<String> chain, Optional<Integer> maxIterations, Optional<Long> tokenBudget) {
        this(chain, maxIterations, tokenBudget, Optional.empty());
    }

    /** Nothing overridden. */
    public static Overrides none() {
        return new Overrides(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These overrides with the chain given as {@code --chain} text, such as {@code hf:Qwen/Qwen2.5-7B-Instruct,openai:gpt-4o-mini}. */
    public Overrides withChain(String value) {
        return new Overrides(Optional.of(Require.nonNull(value, "chain")), maxIterations, tokenBudget, costBudget);
    }

    public Overrides withMaxIterations(int value) {
        return new Overrides(chain, Optional.of(value), tokenBudget, costBudget);
    }

    public Overrides withTokenBudget(long value) {
        return new Overrides(chain, maxIterations, Optional.of(value), costBudget);
    }

    public Overrides withCostBudget(String value) {
        return new Overrides(chain, maxIterations, tokenBudget, Optional.of(Require.nonNull(value, "costBudget")));
    }
}
