package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.util.List;

/** What one evidence source (or one endpoint of it) does in a scenario: its plan of behaviours. */
record SourceRule(SourceKey key, Plan plan) {

    SourceRule {
        Require.nonNull(key, "key");
        Require.nonNull(plan, "plan");
        plan.behaviours().forEach(behaviour -> checkBehaviour(key, behaviour));
    }

    /** The answer of a source no rule names: always its normal answer. */
    static SourceRule answeringOk(SourceKey key) {
        return new SourceRule(key, new Plan.Sequence(List.of(Behaviour.ok()), false));
    }

    /**
     * Checks that the source {@code key} can do {@code behaviour}: stream kinds and finish reasons are for
     * models, and only PubMed puts errors inside HTTP 200.
     *
     * @throws IllegalArgumentException saying what to script instead
     */
    static void checkBehaviour(SourceKey key, Behaviour behaviour) {
        switch (Decorated.of(behaviour).inner()) {
            case StreamCut cut -> throw streamKind("stream-cut");
            case StreamError error -> throw streamKind("stream-error");
            case Ok ok when !ok.finishReason().equals(Ok.STOP) -> throw new IllegalArgumentException(
                    "finish-reason is for models; the ok answer of source " + key + " has none");
            case ErrorIn200 error when key.source() != Source.PUBMED -> throw new IllegalArgumentException(
                    "kind error-in-200 is what PubMed's E-utilities do, not " + key.source().key()
                            + "; script a status, html, malformed or no-hits for it");
            default -> { }
        }
    }

    private static IllegalArgumentException streamKind(String kind) {
        return new IllegalArgumentException("kind " + kind + " is for a model's SSE stream; an evidence source"
                + " answers one body: use disconnect, drip or malformed");
    }
}
