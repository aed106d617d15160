package dev.detour.adapters.huggingface;

import dev.detour.core.internal.Require;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A router model id split into the Hub repository and its route suffix: {@code Qwen/Qwen2.5-72B-Instruct:novita}
 * is repository {@code Qwen/Qwen2.5-72B-Instruct} pinned to provider {@code novita}, and
 * {@code ...:fastest} asks the router's {@code fastest} policy. Provider names are data, not an enum.
 *
 * @param repository the Hub repository id, such as {@code Qwen/Qwen2.5-72B-Instruct}
 * @param suffix what follows the last colon, if anything: a provider or a policy
 */
record HfModelId(String repository, Optional<String> suffix) {

    private static final Set<String> POLICIES = Set.of("fastest", "cheapest", "preferred");

    HfModelId {
        Require.nonNull(repository, "repository");
        Require.nonNull(suffix, "suffix");
    }

    /**
     * Splits {@code modelId} on its last colon; repository ids cannot contain one.
     *
     * @throws IllegalArgumentException if a part is empty, the id holds whitespace or two colons, or a
     *     {@code .} or {@code ..} segment, which would change the path of a route the id is put in
     */
    static HfModelId parse(String modelId) {
        Require.nonBlank(modelId, "modelId");
        int colon = modelId.lastIndexOf(':');
        String repository = colon < 0 ? modelId : modelId.substring(0, colon);
        Optional<String> suffix = colon < 0 ? Optional.empty() : Optional.of(modelId.substring(colon + 1));
        if (repository.isEmpty() || repository.contains(":") || suffix.filter(String::isEmpty).isPresent()
                || modelId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("model id \"" + modelId + "\" must look like \"org/name\" or"
                    + " \"org/name:<provider or policy>\", for example \"Qwen/Qwen2.5-72B-Instruct:novita\"");
        }
        if (Arrays.stream(modelId.split("[/:]", -1)).anyMatch(segment -> segment.matches("(?i)(\\.|%2e){1,2}"))) {
            throw new IllegalArgumentException("model id \"" + modelId + "\" has a \".\" or \"..\" segment, which"
                    + " could point a request outside its route; write the repository id as the Hub names it");
        }
        return new HfModelId(repository, suffix);
    }

    /** Whether {@code name} is one of the router's selection policies rather than a provider. */
    static boolean isPolicy(String name) {
        return POLICIES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The provider the id pins, if its suffix names one rather than a policy. */
    Optional<String> pinnedProvider() {
        return suffix.filter(value -> !isPolicy(value));
    }

    /**
     * Who served a response: the router's {@code x-inference-provider} header when present, else the
     * pinned provider, else nobody known.
     */
    Optional<String> servedBy(String inferenceProviderHeader) {
        if (inferenceProviderHeader != null && !inferenceProviderHeader.isBlank()) {
            return Optional.of(inferenceProviderHeader.strip());
        }
        return pinnedProvider();
    }

    @Override
    public String toString() {
        return repository + suffix.map(value -> ":" + value).orElse("");
    }
}
