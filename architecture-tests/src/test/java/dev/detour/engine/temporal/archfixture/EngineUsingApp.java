package dev.detour.engine.temporal.archfixture;

import dev.detour.app.archfixture.AppWiring;

/** Breaks "engines depend only on core, their engine's library and Jackson": an engine reaching into app. */
public class EngineUsingApp {

    public Object wiring() {
        return new AppWiring();
    }
}
