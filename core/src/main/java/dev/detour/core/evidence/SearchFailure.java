package dev.detour.core.evidence;

import dev.detour.core.model.ErrorKind;
import java.util.Set;

/**
 * A search did not produce records: one try failed ({@link SearchFailedException}, from an adapter), or
 * every try of a resilient source failed or was skipped ({@link SourceFailedError}). Catch this type to
 * handle both.
 */
public abstract sealed class SearchFailure extends RuntimeException permits SearchFailedException, SourceFailedError {

    SearchFailure(Throwable cause) {
        super(null, cause);
    }

    /** The kinds of failure behind this one, in order of first appearance; empty when every try was a skip. */
    public abstract Set<ErrorKind> kinds();
}
