package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.util.Optional;

/**
 * What the command line overrides in the configuration, validated like the file: {@code --chain a,b,c},
 * {@code --max-iterations N}, {@code --token-budget N}, {@code --sources a,b} and {@code --no-evidence}. Start from
 * {@link #none()}.
 *
 * @param chain comma-separated model references replacing the chain, as given
 * @param maxIterations replaces {@code workflow.max-iterations}
 * @param tokenBudget replaces {@code workflow.token-budget}
 * @param costBudget replaces {@code workflow.cost-budget}, as given ({@code --cost-budget 0.50})
 * @param sources comma-separated source names replacing {@code evidence.use}, as given
 * @param noEvidence whether grounding is turned off, whatever the file and {@code sources} say
 */
public record Overrides(Optional<String> chain, Optional<Integer> maxIterations, Optional<Long> tokenBudget,
        Optional<String> costBudget, Optional<String> sources, boolean noEvidence) {

    public Overrides {
        Require.nonNull(chain, "chain");
        Require.nonNull(maxIterations, "maxIterations");
        Require.nonNull(tokenBudget, "tokenBudget");
        Require.nonNull(costBudget, "costBudget");
        Require.nonNull(sources, "sources");
    }

    /** Overrides of the chain, rounds, tokens and cost budget, not of the evidence. */
    public Overrides(Optional<String> chain, Optional<Integer> maxIterations, Optional<Long> tokenBudget,
            Optional<String> costBudget) {
        this(chain, maxIterations, tokenBudget, costBudget, Optional.empty(), false);
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
        return new Overrides(Optional.of(Require.nonNull(value, "chain")), maxIterations, tokenBudget, costBudget, sources,
                noEvidence);
    }

    public Overrides withMaxIterations(int value) {
        return new Overrides(chain, Optional.of(value), tokenBudget, costBudget, sources, noEvidence);
    }

    public Overrides withTokenBudget(long value) {
        return new Overrides(chain, maxIterations, Optional.of(value), costBudget, sources, noEvidence);
    }

    public Overrides withCostBudget(String value) {
        return new Overrides(chain, maxIterations, tokenBudget, Optional.of(Require.nonNull(value, "costBudget")), sources,
                noEvidence);
    }

    /** These overrides searching the sources given as {@code --sources} text, such as {@code pubmed,europepmc}. */
    public Overrides withSources(String value) {
        return new Overrides(chain, maxIterations, tokenBudget, costBudget, Optional.of(Require.nonNull(value, "sources")),
                noEvidence);
    }

    /** These overrides with grounding turned off ({@code --no-evidence}). */
    public Overrides withoutEvidence() {
        return new Overrides(chain, maxIterations, tokenBudget, costBudget, sources, true);
    }
}
