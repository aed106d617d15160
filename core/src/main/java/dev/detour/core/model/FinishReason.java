package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.Locale;

/**
 * Why a model stopped generating, as a closed {@link Kind} plus the provider's own word for it.
 *
 * @param kind what the reason means
 * @param raw the value the provider sent, such as {@code "stop"} or {@code "eos_token"}
 */
public record FinishReason(Kind kind, String raw) {

    /** What a finish reason means, whatever word the provider used. */
    public enum Kind {
        /** The model ended its answer (or hit a stop sequence). */
        STOP,
        /** The output-token limit cut the answer. */
        LENGTH,
        /** The provider withheld or cut the answer for its content. */
        CONTENT_FILTER,
        /** The model asked to call a tool. */
        TOOL_CALLS,
        /** A reason this version does not know. */
        OTHER
    }

    public FinishReason {
        Require.nonNull(kind, "kind");
        Require.nonNull(raw, "raw");
    }

    /** Classifies a provider's finish reason, treating unknown words as {@link Kind#OTHER}. */
    public static FinishReason of(String raw) {
        Require.nonNull(raw, "raw");
        Kind kind = switch (raw.toLowerCase(Locale.ROOT)) {
            case "stop", "eos_token", "eos", "end_turn", "stop_sequence" -> Kind.STOP;
            case "length", "max_tokens", "model_length" -> Kind.LENGTH;
            case "content_filter", "safety" -> Kind.CONTENT_FILTER;
            case "tool_calls", "function_call", "tool_use" -> Kind.TOOL_CALLS;
            default -> Kind.OTHER;
        };
        return new FinishReason(kind, raw);
    }

    @Override
    public String toString() {
        return raw;
    }
}
