package dev.detour.core.model;

/**
 * What went wrong with a model call, and therefore what a chain does next: retry the same model, fall
 * back to the next one, or fail fast. This is the table of DESIGN.md §3; every adapter maps every
 * failure to exactly one kind.
 */
public enum ErrorKind {
    PROVIDER_UNAVAILABLE("ProviderUnavailable", Retry.YES, true,
            "the provider or the upstream it routed to is down or overloaded; if it persists, check its status page"
                    + " or pin another inference provider"),
    TIMEOUT("Timeout", Retry.YES, true,
            "the provider did not answer in time; raise resilience.attempt-timeout or use a faster model"),
    RATE_LIMITED("RateLimited", Retry.YES, true,
            "too many requests; wait, lower workflow.parallelism, or raise resilience.max-retry-wait"
                    + " to honour longer provider waits"),
    QUOTA_EXCEEDED("QuotaExceeded", Retry.NO, true,
            "credits or quota used up; add credits or billing at the provider, or drop this model from the chain"),
    AUTHENTICATION_FAILED("AuthenticationFailed", Retry.NO, true,
            "check the token: is its environment variable set, valid, and allowed to use this model and provider?"),
    MODEL_UNAVAILABLE("ModelUnavailable", Retry.NO, true,
            "the model is not served there; check the model id and route suffix, or choose another provider"),
    CONTEXT_LENGTH_EXCEEDED("ContextLengthExceeded", Retry.NO, true,
            "the prompt is too long for this model; shorten it or add a larger-context model to the chain"),
    CONTENT_FILTERED("ContentFiltered", Retry.NO, true,
            "the provider refused the content; rephrase the question or use another provider"),
    MALFORMED_RESPONSE("MalformedResponse", Retry.ONCE, true,
            "the provider answered with something unusable; if it persists, report it to the provider"),
    INVALID_REQUEST("InvalidRequest", Retry.NO, false,
            "the request itself is wrong and every model would refuse it; fix the request or its options");

    /** Whether and how often the same model may be tried again after this kind of failure. */
    public enum Retry {
        /** As often as the retry policy allows. */
        YES,
        /** One more time at most. */
        ONCE,
        /** Never. */
        NO
    }

    private final String displayName;
    private final Retry retry;
    private final boolean fallBack;
    private final String hint;

    ErrorKind(String displayName, Retry retry, boolean fallBack, String hint) {
        this.displayName = displayName;
        this.retry = retry;
        this.fallBack = fallBack;
        this.hint = hint;
    }

    /** The kind's name as DESIGN.md and every message spell it, such as {@code ProviderUnavailable}. */
    public String displayName() {
        return displayName;
    }

    /** How the same model may be retried after this kind of failure. */
    public Retry retry() {
        return retry;
    }

    /** Whether the same model may be tried again at all. */
    public boolean retrySameModel() {
        return retry != Retry.NO;
    }

    /** Whether another model of the chain may succeed where this one failed. */
    public boolean fallBack() {
        return fallBack;
    }

    /** What a person can do about it, in one clause. */
    public String hint() {
        return hint;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
