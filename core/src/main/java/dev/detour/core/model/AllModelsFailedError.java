package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every model of a chain failed or was skipped. Its {@link #attempts()} say exactly what each try got,
 * and its message renders them one per line with a hint per kind of failure, for the person who has to
 * decide what to do next.
 *
 * <p>It is an unchecked exception despite its name: a caller that can do something about it (write a
 * partial report, try later) catches it like any other runtime failure.
 */
public final class AllModelsFailedError extends ModelFailure {

    private final List<Attempt> attempts;
    private final TokenUsage usage;

    /**
     * @param attempts every attempt and skip of the call, in order; at least one
     * @param lastFailure the last exception a model threw, kept as the cause; may be null
     */
    public AllModelsFailedError(List<Attempt> attempts, Throwable lastFailure) {
        this(attempts, lastFailure, TokenUsage.NONE);
    }

    /**
     * @param attempts every attempt and skip of the call, in order; at least one
     * @param lastFailure the last exception a model threw, kept as the cause; may be null
     * @param usage the tokens the failed attempts consumed, as their providers reported them
     */
    public AllModelsFailedError(List<Attempt> attempts, Throwable lastFailure, TokenUsage usage) {
        super(lastFailure);
        this.usage = Require.nonNull(usage, "usage");
        this.attempts = List.copyOf(Require.nonNull(attempts, "attempts"));
        if (this.attempts.isEmpty()) {
            throw new IllegalArgumentException("attempts must hold at least one attempt, was []");
        }
        if (this.attempts.stream().anyMatch(attempt -> attempt.outcome() == Attempt.Outcome.SUCCEEDED)) {
            throw new IllegalArgumentException("attempts must not hold a succeeded attempt when all models failed");
        }
    }

    /** Every attempt and skip, in the order they happened. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** The distinct kinds of failure among the attempts, in order of first appearance. */
    @Override
    public Set<ErrorKind> kinds() {
        return Attempt.kindsOf(attempts);
    }

    /** The tokens every failed attempt of the call consumed, as their providers reported them. */
    @Override
    public TokenUsage usage() {
        return usage;
    }

    /** The last model failure, if one was kept. */
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(getCause());
    }

    @Override
    public String getMessage() {
        long models = attempts.stream().map(Attempt::target).distinct().count();
        StringBuilder message = new StringBuilder("All ").append(models).append(models == 1 ? " model" : " models")
                .append(" of the chain failed (").append(attempts.size())
                .append(attempts.size() == 1 ? " attempt):" : " attempts):");
        for (int i = 0; i < attempts.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(attempts.get(i).describe());
        }
        Set<ErrorKind> kinds = kinds();
        if (!kinds.isEmpty()) {
            message.append("\nWhat to do:");
            kinds.forEach(kind -> message.append("\n  - ").append(kind.displayName()).append(": ").append(kind.hint()));
        }
        if (attempts.stream().anyMatch(attempt -> attempt.skipReason().orElse(null) == SkipReason.CIRCUIT_OPEN)) {
            message.append("\n  - circuit open: the model failed repeatedly just before; it is tried again once"
                    + " resilience.circuit-breaker.open-for has passed");
        }
        return message.toString();
    }
}
