package dev.detour.core.model;

import java.util.Optional;

/**
 * A condition a model's answer must meet to be usable for the request that carries it, beyond being text
 * that decodes: such as citing only the evidence the request gave. An answer that breaks a rule is a
 * {@link MalformedResponseException} of the model that gave it, so the chain retries once, then falls back.
 *
 * <p>Put rules on a request with {@link ChatRequest#withRule}; every port that hands answers on applies
 * them to each attempt's answer with {@link AnswerRules#enforce}. A rule must be cheap, free of side
 * effects and safe to call from any thread.
 */
@FunctionalInterface
public interface AnswerRule {

    /** What makes {@code answer} unusable, in a few words for the attempt record; empty when it is usable. */
    Optional<String> violation(ChatResponse answer);
}
