package dev.detour.simulator;

/**
 * A dropped connection: before any response, or after the headers and the first {@code afterBytes} of a
 * normal answer ({@link #HALF} for half of it).
 */
record Disconnect(boolean beforeHeaders, int afterBytes) implements Behaviour {

    static final int HALF = -1;

    Disconnect {
        if (afterBytes < HALF) {
            throw new IllegalArgumentException("after-bytes must not be negative, was " + afterBytes);
        }
    }
}
