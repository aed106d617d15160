package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a call through a chain stopped to wait, so that it can go on from there later, perhaps in
 * another process: which model and which try come next, and what the call did so far.
 *
 * @param model the model whose next try it waits for
 * @param link the model's position in the chain, from 0
 * @param retry the number of that next try (1 for the first retry)
 * @param malformed how many of the model's tries so far gave a malformed answer
 * @param attempts every attempt of the call so far, in order
 * @param spent the tokens its failed attempts consumed
 * @param deadline the call's deadline, if it has one
 */
public record ChainPosition(ModelRef model, int link, int retry, int malformed, List<Attempt> attempts, TokenUsage spent,
        Optional<Instant> deadline) {

    public ChainPosition {
        Require.nonNull(model, "model");
        Require.notNegative(link, "link");
        Require.positive(retry, "retry");
        Require.notNegative(malformed, "malformed");
        attempts = List.copyOf(Require.nonNull(attempts, "attempts"));
        Require.nonNull(spent, "spent");
        Require.nonNull(deadline, "deadline");
    }
}
