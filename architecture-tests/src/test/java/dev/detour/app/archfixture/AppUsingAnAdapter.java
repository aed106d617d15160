package dev.detour.app.archfixture;

import dev.detour.adapters.huggingface.archfixture.HuggingFaceWireFormat;

/** Breaks "app never depends on an adapter": the app naming an adapter's class instead of finding its type. */
public class AppUsingAnAdapter {

    public String type() {
        return new HuggingFaceWireFormat().name();
    }
}
