package dev.detour.core.evidence;

import dev.detour.core.internal.Require;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SourceRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A resilient source gave up on a search: every try failed, or the source was skipped (circuit open,
 * deadline). Its {@link #attempts()} say what each try got, like {@link dev.detour.core.model.AllModelsFailedError}'s
 * for a chain; there is no other source to fall back to, because sources complement each other.
 */
public final class SourceFailedError extends SearchFailure {

    private final SourceRef source;
    private final List<Attempt> attempts;

    /**
     * @param source the source searched
     * @param attempts every try and skip of the search, in order; at least one, none succeeded, all of {@code source}
     * @param lastFailure the last failure the source threw, kept as the cause; may be null
     */
    public SourceFailedError(SourceRef source, List<Attempt> attempts, Throwable lastFailure) {
        super(lastFailure);
        this.source = Require.nonNull(source, "source");
        this.attempts = List.copyOf(Require.nonNull(attempts, "attempts"));
        if (this.attempts.isEmpty()) {
            throw new IllegalArgumentException("attempts must hold at least one attempt, was []");
        }
        for (Attempt attempt : this.attempts) {
            if (attempt.outcome() == Attempt.Outcome.SUCCEEDED) {
                throw new IllegalArgumentException("attempts must not hold a succeeded attempt when the search failed");
            }
            if (!attempt.target().equals(source)) {
                throw new IllegalArgumentException("attempts must all be of " + source + ", was one of " + attempt.target());
            }
        }
    }

    /** The source that gave up. */
    public SourceRef source() {
        return source;
    }

    /** Every try and skip, in the order they happened. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** The last try or skip: what the search ended with. */
    public Attempt lastAttempt() {
        return attempts.get(attempts.size() - 1);
    }

    /** The last failure the source threw, if one was kept. */
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(getCause());
    }

    @Override
    public Set<ErrorKind> kinds() {
        return Attempt.kindsOf(attempts);
    }

    @Override
    public String getMessage() {
        return "The search of " + source + " failed (" + attempts.size() + (attempts.size() == 1 ? " attempt): " : " attempts): ")
                + attempts.stream().map(Attempt::describe).collect(Collectors.joining("; "));
    }
}
