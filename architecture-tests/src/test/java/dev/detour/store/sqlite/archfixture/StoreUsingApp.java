package dev.detour.store.sqlite.archfixture;

import dev.detour.app.archfixture.AppWiring;

/** Breaks "stores depend only on core, JDBC and their driver": a store reaching into app. */
public class StoreUsingApp {

    public AppWiring wiring() {
        return new AppWiring();
    }
}
