package dev.detour.core.internal;

import java.time.Duration;

/** Renders durations the way a person reads them: {@code 850 ms}, {@code 1.5 s}, {@code 6 min 0 s}. */
public final class Durations {

    private Durations() {}

    /** The duration in the largest unit that keeps it readable. */
    public static String human(Duration duration) {
        Require.nonNull(duration, "duration");
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return (millis % 1000 == 0
                    ? String.valueOf(millis / 1000)
                    : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0)) + " s";
        }
        return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
    }
}
