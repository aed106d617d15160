package dev.detour.app.config;

import dev.detour.core.model.ModelRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What Detour runs with when nothing is configured: providers {@code hf} and {@code openai} at their types'
 * default base URLs, and the Hugging Face chain of the incident's recommendations (the 72B model, then
 * natively hosted ones), preceded by {@code openai:gpt-4o-mini} when {@code OPENAI_API_KEY} is set.
 * {@code OPENAI_BASE_URL} replaces the default base URL of type {@code openai}.
 */
final class BuiltIns {

    static final String HUGGINGFACE = "huggingface";
    static final String OPENAI = "openai";
    static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";

    /** Built-in provider name, type and key variable. */
    record Provider(String name, String type, String tokenEnv) {}

    static final List<Provider> PROVIDERS = List.of(
            new Provider("hf", HUGGINGFACE, "HF_TOKEN"),
            new Provider("openai", OPENAI, OPENAI_API_KEY));

    private static final ModelRef OPENAI_MODEL = ModelRef.parse("openai:gpt-4o-mini");

    private static final List<ModelRef> HUGGING_FACE_CHAIN = List.of(
            ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct"),
            ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct"),
            ModelRef.parse("hf:meta-llama/Llama-3.1-8B-Instruct"));

    private BuiltIns() {}

    static List<ModelRef> chain(Environment environment) {
        List<ModelRef> chain = new ArrayList<>();
        if (environment.variable(OPENAI_API_KEY).isPresent()) {
            chain.add(OPENAI_MODEL);
        }
        chain.addAll(HUGGING_FACE_CHAIN);
        return List.copyOf(chain);
    }

    /** The type of the built-in provider {@code name}, if it is one. */
    static String typeOf(String name) {
        return PROVIDERS.stream().filter(p -> p.name().equals(name)).map(Provider::type).findFirst().orElse("");
    }
}
