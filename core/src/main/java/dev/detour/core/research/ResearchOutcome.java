package dev.detour.core.research;

import dev.detour.core.internal.Require;
import dev.detour.core.workflow.LoopResult;
import java.util.List;
import java.util.Optional;

/**
 * What a research run ended with: its final state, the synthesized answer if one could be written,
 * and every way in which the result falls short (budget ran out, a judge was unavailable, …).
 *
 * @param state the final research state
 * @param synthesis the synthesized Markdown answer; empty when it could not be written
 * @param refineStop why the refine loop stopped
 * @param limitations what a reader should know about the result's gaps, one sentence each
 */
public record ResearchOutcome(
        ResearchState state, Optional<String> synthesis, LoopResult.StopReason refineStop, List<String> limitations) {

    public ResearchOutcome {
        Require.nonNull(state, "state");
        Require.nonNull(synthesis, "synthesis");
        Require.nonNull(refineStop, "refineStop");
        limitations = List.copyOf(Require.nonNull(limitations, "limitations"));
    }
}
