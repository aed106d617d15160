package dev.detour.core.model;

import dev.detour.core.internal.Require;

/**
 * Which model, at which configured provider: {@code hf:Qwen/Qwen2.5-72B-Instruct:novita} is provider
 * {@code hf} and model {@code Qwen/Qwen2.5-72B-Instruct:novita}.
 *
 * <p>The model id is kept exactly as the provider knows it, route suffix included: only the adapter of
 * that provider knows whether a colon in it means something (a Hugging Face route such as
 * {@code :novita}) or is part of the name (an Ollama tag such as {@code llama3:8b}).
 *
 * @param provider the provider's name in the configuration, such as {@code hf} or {@code openai}
 * @param model the model id as the provider knows it
 */
public record ModelRef(String provider, String model) implements AttemptTarget {

    public ModelRef {
        Require.nonBlank(provider, "provider");
        Require.nonBlank(model, "model");
        if (provider.contains(":")) {
            throw new IllegalArgumentException("provider must not contain ':', was \"" + provider + "\"");
        }
        if (!provider.equals(provider.strip()) || !model.equals(model.strip())) {
            throw new IllegalArgumentException(
                    "model reference must not start or end with whitespace, was \"" + provider + ":" + model + "\"");
        }
    }

    /** Shorthand for the canonical constructor. */
    public static ModelRef of(String provider, String model) {
        return new ModelRef(provider, model);
    }

    /**
     * Reads {@code "<provider>:<model id>"}, splitting on the first colon.
     *
     * @throws IllegalArgumentException if there is no provider or no model id
     */
    public static ModelRef parse(String text) {
        Require.nonNull(text, "text");
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("model reference \"" + text
                    + "\" must look like \"<provider>:<model id>\", for example \"hf:Qwen/Qwen2.5-72B-Instruct\"");
        }
        return new ModelRef(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
