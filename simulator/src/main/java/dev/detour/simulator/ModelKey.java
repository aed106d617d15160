package dev.detour.simulator;

import java.util.Optional;

/**
 * A model as scenarios and recordings name it: {@code hf:<org/name>} or {@code hf:<org/name>:<route>}
 * (a provider such as {@code novita} or a policy such as {@code fastest}; the route is what follows the
 * last colon), {@code openai:<model>}, {@code anthropic:<model>}, or a surface's wildcard such as {@code hf:*}.
 */
record ModelKey(Surface surface, String model, Optional<String> route) implements RequestKey {

    static final String ANY = "*";

    ModelKey {
        if (model.isBlank()) {
            throw new IllegalArgumentException("the model id after \"" + surface.prefix() + ":\" is empty");
        }
        if (route.isPresent() && route.get().isBlank()) {
            throw new IllegalArgumentException("the route after the last ':' is empty");
        }
    }

    /**
     * Reads {@code hf:…}, {@code openai:…} or {@code anthropic:…}.
     *
     * @throws IllegalArgumentException saying what a key looks like
     */
    static ModelKey parse(String text) {
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? "" : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        for (Surface surface : Surface.values()) {
            if (surface.prefix().equals(prefix)) {
                return of(surface, rest);
            }
        }
        throw new IllegalArgumentException("a model key starts with \"hf:\" or \"openai:\", as in"
                + " \"hf:Qwen/Qwen2.5-72B-Instruct\", \"hf:Qwen/Qwen2.5-72B-Instruct:novita\", \"openai:gpt-4o-mini\""
                + " or \"hf:*\"");
    }

    /** The key of {@code modelId} as a request of {@code surface} names it, splitting a Hugging Face route on the last colon. */
    static ModelKey of(Surface surface, String modelId) {
        if (surface == Surface.HUGGING_FACE) {
            int colon = modelId.lastIndexOf(':');
            if (colon > 0) {
                return new ModelKey(surface, modelId.substring(0, colon), Optional.of(modelId.substring(colon + 1)));
            }
            if (colon == 0) {
                throw new IllegalArgumentException("the model id before the last ':' is empty");
            }
        }
        return new ModelKey(surface, modelId, Optional.empty());
    }

    static ModelKey any(Surface surface) {
        return new ModelKey(surface, ANY, Optional.empty());
    }

    boolean isWildcard() {
        return model.equals(ANY);
    }

    ModelKey withoutRoute() {
        return new ModelKey(surface, model, Optional.empty());
    }

    @Override
    public boolean covers(RequestKey requested) {
        return requested instanceof ModelKey model && covers(model);
    }

    /** Whether a request for {@code requested} is one this key names: any route of a key without one, any model of a wildcard. */
    boolean covers(ModelKey requested) {
        if (surface != requested.surface) {
            return false;
        }
        if (isWildcard()) {
            return true;
        }
        return model.equals(requested.model) && (route.isEmpty() || route.equals(requested.route));
    }

    @Override
    public String toString() {
        return surface.prefix() + ":" + model + route.map(value -> ":" + value).orElse("");
    }
}
