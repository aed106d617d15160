package dev.detour.adapters.huggingface.archfixture;

import dev.detour.app.archfixture.AppWiring;

/** Breaks "adapters never depend on app": an adapter reaching into the composition root. */
public class HuggingFaceAdapterUsingApp {

    public Object wiring() {
        return new AppWiring();
    }
}
