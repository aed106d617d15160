package dev.detour.archfixture.cycle.b;

import dev.detour.archfixture.cycle.a.CycleStart;

/** The other half of a package cycle. */
public class CycleEnd {

    public CycleStart back() {
        return new CycleStart();
    }
}
