package dev.detour.core.archfixture;

import dev.failsafe.RetryPolicy;

/** Breaks "core depends on the JDK only" and "Failsafe in app only": core code using Failsafe. */
public class CoreUsingFailsafe {

    public RetryPolicy<Object> policy() {
        return RetryPolicy.ofDefaults();
    }
}
