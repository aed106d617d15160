package dev.detour.adapters.openai;

import dev.detour.core.internal.Require;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The request field that carries the output-token limit: OpenAI's own endpoint wants
 * {@code max_completion_tokens} (its newer models reject {@code max_tokens}), while many compatible
 * servers only know {@code max_tokens}.
 *
 * <p>Whichever is configured, a port that gets HTTP 400 {@code unsupported_parameter} naming the field
 * it sent resends once with the other field and keeps using that one for the model.
 */
public enum TokenLimitField {
    MAX_COMPLETION_TOKENS("max_completion_tokens"),
    MAX_TOKENS("max_tokens");

    private static final String OPENAI_HOST = "api.openai.com";

    private final String wireName;

    TokenLimitField(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON field name, such as {@code max_completion_tokens}. */
    public String wireName() {
        return wireName;
    }

    /** The other field, tried when a server rejects this one. */
    public TokenLimitField other() {
        return this == MAX_COMPLETION_TOKENS ? MAX_TOKENS : MAX_COMPLETION_TOKENS;
    }

    /** {@link #MAX_COMPLETION_TOKENS} for {@code api.openai.com}, {@link #MAX_TOKENS} for every other server. */
    public static TokenLimitField defaultFor(URI baseUrl) {
        Require.nonNull(baseUrl, "baseUrl");
        return OPENAI_HOST.equalsIgnoreCase(baseUrl.getHost()) ? MAX_COMPLETION_TOKENS : MAX_TOKENS;
    }

    /**
     * Reads a field name as written in configuration: {@code max_completion_tokens} or {@code max_tokens}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static TokenLimitField fromWireName(String name) {
        Require.nonBlank(name, "name");
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(field -> field.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("token limit field must be one of "
                        + Arrays.stream(values()).map(TokenLimitField::wireName).collect(Collectors.joining(", "))
                        + ", was \"" + name + "\""));
    }
}
