package dev.detour.app;

import java.nio.file.Path;

/** A process that embeds Detour and does nothing else: runs README's example with the configuration file it is given. */
final class EmbeddingChild {

    private EmbeddingChild() {}

    public static void main(String[] args) {
        EmbeddingExample.research(Path.of(args[0]), "Why do tides happen twice a day?");
    }
}
