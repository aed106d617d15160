package dev.detour.app.server;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code POST /v1/runs} asks for: a question, and optionally its own chain, evidence sources,
 * refine rounds and token budget; what it leaves out takes the server's configuration.
 *
 * @param question the research question
 * @param chain the models to try instead of the configured chain
 * @param sources the evidence sources to search
 * @param maxIterations the most judge-and-refine rounds
 * @param tokenBudget the most tokens the run may use
 */
record RunRequest(String question, Optional<List<ModelRef>> chain, List<String> sources, OptionalInt maxIterations,
        OptionalLong tokenBudget) {

    RunRequest {
        Require.nonBlank(question, "question");
        Require.nonNull(chain, "chain");
        sources = List.copyOf(Require.nonNull(sources, "sources"));
        Require.nonNull(maxIterations, "maxIterations");
        Require.nonNull(tokenBudget, "tokenBudget");
    }
}
