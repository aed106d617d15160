package dev.detour.simulator;

/** What a request is for, as scenarios and recordings name it: a model ({@link ModelKey}) or an evidence source ({@link SourceKey}). */
sealed interface RequestKey permits ModelKey, SourceKey {

    /** Whether a request for {@code requested} is one this key names. */
    boolean covers(RequestKey requested);

    /**
     * Reads a model key ({@code hf:…}, {@code openai:…}) or a source key ({@code pubmed}, {@code pubmed:esearch}, …).
     *
     * @throws IllegalArgumentException saying what a key looks like
     */
    static RequestKey parse(String text) {
        if (SourceKey.looksLikeOne(text)) {
            return SourceKey.parse(text);
        }
        try {
            return ModelKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; or name an evidence source: "
                    + String.join(", ", Source.keys()) + " (one endpoint as in \"pubmed:esearch\")", e);
        }
    }
}
