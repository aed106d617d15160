package dev.detour.app.faults;

import dev.detour.core.model.ModelRef;
import dev.detour.core.model.StreamListener;
import java.util.ArrayList;
import java.util.List;

/** A stream listener that keeps what a display would have shown: the text between resets, and each reset. */
final class StreamLog implements StreamListener {

    private final List<String> resets = new ArrayList<>();
    private final List<String> shownBeforeEachReset = new ArrayList<>();
    private StringBuilder shown = new StringBuilder();

    @Override
    public synchronized void onText(String delta) {
        shown.append(delta);
    }

    @Override
    public synchronized void onReset(ModelRef failedModel, ModelRef nextModel) {
        resets.add(failedModel + " -> " + nextModel);
        shownBeforeEachReset.add(shown.toString());
        shown = new StringBuilder();
    }

    /** Each reset, as {@code failed model -> next model}. */
    synchronized List<String> resets() {
        return List.copyOf(resets);
    }

    /** The text shown before each reset, which the reset voided. */
    synchronized List<String> voided() {
        return List.copyOf(shownBeforeEachReset);
    }

    /** The text shown since the last reset: what the display ends with. */
    synchronized String shown() {
        return shown.toString();
    }
}
