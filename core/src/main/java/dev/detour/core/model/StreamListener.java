package dev.detour.core.model;

/**
 * Receives an answer's text as a model generates it.
 *
 * <p>When a streamed answer fails part-way and the chain retries or falls back, {@link #onReset} comes
 * first: a display must drop what it showed, so no screen shows half of one model's answer glued to
 * another's. Implementations are called from the thread making the call and must return quickly.
 */
@FunctionalInterface
public interface StreamListener {

    /** A listener that ignores everything. */
    StreamListener NONE = text -> {};

    /** The next piece of the answer's text. */
    void onText(String delta);

    /** Everything delivered so far is void; the answer starts again, from {@code nextModel}. */
    default void onReset(ModelRef failedModel, ModelRef nextModel) {}
}
