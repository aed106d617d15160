package dev.detour.core.model;

import dev.detour.core.internal.Require;
import java.util.regex.Pattern;

/**
 * A request for structured output: the answer must be JSON that validates against {@code jsonSchema}
 * and decodes into {@code type}.
 *
 * <p>Build it with {@link #of(Class)}, which generates the schema from the record type; adapters send
 * the schema, and the resilience chain decodes the answer into {@code type} and treats an answer that
 * does not decode as a {@link MalformedResponseException} of that model.
 *
 * @param name a name for the schema, as providers require one (letters, digits, {@code _} and {@code -})
 * @param type the record type the answer decodes into
 * @param jsonSchema the JSON schema text the provider is asked to follow
 * @param strict whether the provider should enforce the schema exactly
 */
public record ResponseFormat(String name, Class<? extends Record> type, String jsonSchema, boolean strict) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ResponseFormat {
        Require.nonNull(name, "name");
        Require.nonNull(type, "type");
        Require.nonBlank(jsonSchema, "jsonSchema");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name must be 1 to 64 letters, digits, '_' or '-', was \"" + name + "\"");
        }
    }

    /** A strict format named after {@code type}, with the schema generated from its components. */
    public static ResponseFormat of(Class<? extends Record> type) {
        Require.nonNull(type, "type");
        return new ResponseFormat(type.getSimpleName(), type, RecordJsonSchema.of(type), true);
    }
}
