package dev.detour.simulator;

/** HTTP 200 with a syntactically valid chat completion of exactly {@code bytes} bytes, most of it padding. */
record Oversized(long bytes) implements Behaviour {

    static final long DEFAULT_BYTES = 16L * 1024 * 1024;
    static final int MIN_BYTES = 1024;

    Oversized {
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("bytes must be at least " + MIN_BYTES + ", was " + bytes);
        }
    }
}
