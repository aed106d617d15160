package dev.detour.app.archfixture;

import com.google.inject.Inject;

/** Breaks "no field injection". */
public final class AppFieldInjection {
    @Inject
    AppWiring wiring;
}
