package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.time.Duration;

/** How long a behaviour waits before its first response byte: a fixed time or a seeded distribution. */
sealed interface Latency {

    Latency NONE = new Fixed(Duration.ZERO);

    /** This latency's wait for the request that {@code dice} belongs to. */
    Duration draw(Dice dice);

    /** Always {@code value}. */
    record Fixed(Duration value) implements Latency {
        public Fixed {
            Require.notNegative(value, "latency");
        }

        @Override
        public Duration draw(Dice dice) {
            return value;
        }
    }

    /** Uniformly between {@code min} and {@code max}. */
    record Uniform(Duration min, Duration max) implements Latency {
        public Uniform {
            Require.notNegative(min, "latency min");
            Require.notNegative(max, "latency max");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("latency max (" + max.toMillis() + "ms) must not be below min ("
                        + min.toMillis() + "ms)");
            }
        }

        @Override
        public Duration draw(Dice dice) {
            long spanNanos = max.minus(min).toNanos();
            return min.plusNanos((long) (spanNanos * dice.unit(Dice.LATENCY)));
        }
    }

    /** Normally distributed around {@code mean}, never below zero. */
    record Normal(Duration mean, Duration stddev) implements Latency {
        public Normal {
            Require.notNegative(mean, "latency mean");
            Require.notNegative(stddev, "latency stddev");
        }

        @Override
        public Duration draw(Dice dice) {
            double u1 = Math.max(dice.unit(Dice.LATENCY), Double.MIN_NORMAL);
            double u2 = dice.unit(Dice.LATENCY_PAIR);
            double gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            long nanos = mean.toNanos() + (long) (gaussian * stddev.toNanos());
            return Duration.ofNanos(Math.max(0, nanos));
        }
    }
}
