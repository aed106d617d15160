package dev.detour.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The provider and evidence-source payloads bundled with the simulator under {@code simulator/payloads/},
 * which scenarios name with {@code body-file}; their provenance is in that folder's {@code README.md}.
 */
final class Payloads {

    static final List<String> NAMES = List.of(
            "hf-router-error-401-invalid-credentials.json",
            "hf-router-error-402-credits-exhausted.json",
            "hf-router-error-404-model-does-not-exist.json",
            "hf-router-error-422-validation.json",
            "hf-router-error-429-representative.json",
            "hf-router-error-500-representative.json",
            "hf-router-error-503-model-loading.json",
            "openai-error-400-context-length-exceeded.json",
            "openai-error-401-invalid-api-key.json",
            "openai-error-404-model-not-found.json",
            "openai-error-429-rate-limit-exceeded.json",
            "openai-error-500-server-error.json",
            "ncbi-error-429-rate-limit.json",
            "ncbi-esummary-empty-id-list.json",
            "clinicaltrials-error-400-unknown-parameter.txt",
            "openalex-error-400-invalid-filter.json",
            "openalex-error-403-api-key-required.json",

            "anthropic-error-400-credit-balance.json",
            "anthropic-error-429-rate-limit.json",
            "anthropic-error-529-overloaded.json");

    private static final String FOLDER = "/simulator/payloads/";

    private Payloads() {}

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /**
     * The text of the bundled payload {@code name}.
     *
     * @throws IllegalArgumentException listing the bundled payloads when there is none of that name
     */
    static String read(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a bundled payload; bundled payloads: "
                    + String.join(", ", NAMES));
        }
        try (InputStream in = Payloads.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled payload " + name + " is missing from the classpath"
                        + " (expected at " + FOLDER + name + "); rebuild the simulator module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read bundled payload " + name, e);
        }
    }
}
