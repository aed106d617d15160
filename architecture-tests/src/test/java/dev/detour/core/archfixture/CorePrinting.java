package dev.detour.core.archfixture;

/** Breaks "System.out and System.err are written by the CLI only". */
public final class CorePrinting {
    void say(String text) {
        System.out.println(text);
    }
}
