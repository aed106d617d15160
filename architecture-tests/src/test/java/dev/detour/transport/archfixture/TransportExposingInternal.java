package dev.detour.transport.archfixture;

import dev.detour.core.internal.PlainText;

/** Breaks "no internal types in public signatures": its public method takes a core.internal type. */
public final class TransportExposingInternal {
    public String clean(PlainText unused, String text) {
        return PlainText.oneLine(text, 10);
    }
}
