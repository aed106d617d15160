package dev.detour.simulator;

/**
 * The seeded random draws of one request: the same seed, rule and request number always give the same
 * values, whatever the order in which concurrent requests arrive, and no lock is shared between requests.
 *
 * @param seed the scenario's seed
 * @param stream which rule the request was answered by
 * @param ordinal the request's number within that rule, from 0
 */
record Dice(long seed, long stream, long ordinal) {

    static final int MIX = 1;
    static final int LATENCY = 2;
    static final int LATENCY_PAIR = 3;

    /** A value in {@code [0, 1)} for the purpose {@code salt}. */
    double unit(int salt) {
        long z = mix(seed ^ mix(stream * 0x9E3779B97F4A7C15L + salt) ^ mix(ordinal + 0x632BE59BD9B4E019L));
        return (z >>> 11) * 0x1.0p-53;
    }

    /** Scrambles {@code value} (SplitMix64's finaliser), so near inputs give unrelated outputs. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
