package dev.detour.app.provider;

import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import java.util.Set;

/**
 * One kind of provider adapter, such as {@code openai}: it opens a configured provider of its type.
 * Register an implementation with {@link ProviderTypes#register} in a Guice module.
 *
 * <p>Read the provider's key from the environment variable its configuration names, and never from
 * anywhere else; never put the key in an exception message or a {@code toString()}.
 */
public interface ProviderType {

    /**
     * The type-specific option keys its providers accept besides {@code type}, {@code base-url},
     * {@code token-env} and {@code allow-insecure-http}; a key ending in {@code .*} admits any suffix.
     */
    default Set<String> optionKeys() {
        return Set.of();
    }

    /**
     * Opens the provider {@code config} describes.
     *
     * @throws IllegalArgumentException if its options are wrong, saying which and what to write instead
     */
    ModelProvider open(ProviderConfig config, Environment environment);
}
