package dev.detour.archfixture.cycle.a;

import dev.detour.archfixture.cycle.b.CycleEnd;

/** One half of a package cycle: breaks "packages are free of cycles". */
public class CycleStart {

    public CycleEnd next() {
        return new CycleEnd();
    }
}
