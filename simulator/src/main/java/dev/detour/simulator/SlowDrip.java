package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.time.Duration;

/** A normal answer sent {@code chunkBytes} at a time with {@code interval} between chunks. */
record SlowDrip(int chunkBytes, Duration interval) implements Behaviour {

    SlowDrip {
        Require.positive(chunkBytes, "chunk-bytes");
        Require.notNegative(interval, "interval");
    }
}
