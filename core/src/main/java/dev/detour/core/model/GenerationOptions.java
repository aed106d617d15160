package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How a model should generate: sampling settings, the output-token limit, stop sequences and seed.
 * An empty value means "the provider's default".
 *
 * @param temperature sampling temperature, 0 to 2
 * @param topP nucleus sampling mass, above 0 and at most 1
 * @param maxOutputTokens the most tokens the answer may have
 * @param stop sequences that end generation
 * @param seed a seed for providers that sample deterministically
 */
public record GenerationOptions(
        OptionalDouble temperature,
        OptionalDouble topP,
        OptionalInt maxOutputTokens,
        List<String> stop,
        OptionalLong seed) {

    private static final GenerationOptions DEFAULTS = new GenerationOptions(
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), List.of(), OptionalLong.empty());

    public GenerationOptions {
        Require.nonNull(temperature, "temperature");
        Require.nonNull(topP, "topP");
        Require.nonNull(maxOutputTokens, "maxOutputTokens");
        Require.nonNull(seed, "seed");
        stop = List.copyOf(Require.nonNull(stop, "stop"));
        if (temperature.isPresent() && !(temperature.getAsDouble() >= 0 && temperature.getAsDouble() <= 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, was " + temperature.getAsDouble());
        }
        if (topP.isPresent() && !(topP.getAsDouble() > 0 && topP.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("topP must be above 0 and at most 1, was " + topP.getAsDouble());
        }
        if (maxOutputTokens.isPresent()) {
            Require.positive(maxOutputTokens.getAsInt(), "maxOutputTokens");
        }
        for (String sequence : stop) {
            if (sequence == null || sequence.isEmpty()) {
                throw new IllegalArgumentException("stop sequences must not be empty, were " + stop);
            }
        }
    }

    /** No setting: every value is the provider's default. */
    public static GenerationOptions defaults() {
        return DEFAULTS;
    }

    public GenerationOptions withTemperature(double value) {
        return new GenerationOptions(OptionalDouble.of(value), topP, maxOutputTokens, stop, seed);
    }

    public GenerationOptions withTopP(double value) {
        return new GenerationOptions(temperature, OptionalDouble.of(value), maxOutputTokens, stop, seed);
    }

    public GenerationOptions withMaxOutputTokens(int value) {
        return new GenerationOptions(temperature, topP, OptionalInt.of(value), stop, seed);
    }

    public GenerationOptions withStop(List<String> value) {
        return new GenerationOptions(temperature, topP, maxOutputTokens, value, seed);
    }

    public GenerationOptions withSeed(long value) {
        return new GenerationOptions(temperature, topP, maxOutputTokens, stop, OptionalLong.of(value));
    }
}
