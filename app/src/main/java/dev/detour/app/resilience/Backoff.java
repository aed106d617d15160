package dev.detour.app.resilience;

import dev.detour.app.config.ResilienceConfig.BackoffConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with symmetric jitter: initial, 2×, 4×… capped at max, each ± jitter. */
final class Backoff {

    private final BackoffConfig config;
    private final DoubleSupplier random;

    Backoff(BackoffConfig config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    Duration before(int retry) {
        double base = config.initial().toNanos() * Math.pow(2, Math.max(0, retry - 1));
        double capped = Math.min(base, config.max().toNanos());
        double factor = 1 + config.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofNanos((long) Math.max(0, capped * factor));
    }
}
