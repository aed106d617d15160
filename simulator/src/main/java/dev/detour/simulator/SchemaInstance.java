package dev.detour.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A small, deterministic JSON value that validates against a JSON schema, as a structured answer: an
 * object has every property its schema declares, an array 3 items (kept within minItems/maxItems), a
 * string is a short question or gap about the prompt where its name says so and otherwise says it is
 * simulated and quotes the prompt, a number is its minimum or 0, an enum or a const its
 * first value, a boolean {@code false} except one named {@code sufficient}, which takes the scenario's
 * value. {@code $ref} within the schema, {@code anyOf}/{@code oneOf} (first non-null branch),
 * {@code allOf} (branches merged) and type lists (first non-null type) are followed; {@code pattern},
 * {@code multipleOf} and {@code uniqueItems} of non-strings are not.
 */
final class SchemaInstance {

    static final int ARRAY_ITEMS = 3;
    static final String SUFFICIENT = "sufficient";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 32;

    private final JsonNode root;
    private final String topic;
    private final boolean sufficient;
    private final int arrayItems;

    private SchemaInstance(JsonNode root, String topic, boolean sufficient, int arrayItems) {
        this.root = root;
        this.topic = topic;
        this.sufficient = sufficient;
        this.arrayItems = arrayItems;
    }

    /**
     * An instance of {@code schema}; strings mention {@code topic}.
     *
     * @throws IllegalArgumentException when the schema refers to itself without end or names a missing {@code $ref}
     */
    static JsonNode of(JsonNode schema, String topic, boolean sufficient) {
        return of(schema, topic, sufficient, ARRAY_ITEMS);
    }

    /** As {@link #of(JsonNode, String, boolean)}, with arrays of {@code arrayItems} items (kept within minItems/maxItems). */
    static JsonNode of(JsonNode schema, String topic, boolean sufficient, int arrayItems) {
        return new SchemaInstance(schema, topic, sufficient, arrayItems).value(schema, "value", 0, 0);
    }

    private JsonNode value(JsonNode schema, String name, int index, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the schema nests deeper than " + MAX_DEPTH + " levels at " + name
                    + "; a recursive schema needs a way out (an optional property or minItems: 0)");
        }
        if (schema == null || !schema.isObject()) {
            return text(name, index, JSON.objectNode());
        }
        if (schema.hasNonNull("$ref")) {
            return value(resolve(schema.get("$ref").asText()), name, index, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.hasNonNull("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        for (String branches : new String[] {"anyOf", "oneOf"}) {
            if (schema.hasNonNull(branches) && schema.get(branches).isArray() && !schema.get(branches).isEmpty()) {
                return value(firstNonNull(schema.get(branches)), name, index, depth + 1);
            }
        }
        if (schema.hasNonNull("allOf") && schema.get("allOf").isArray()) {
            return value(merged(schema), name, index, depth + 1);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "integer" -> JSON.numberNode((long) Math.ceil(lowest(schema, true)));
            case "number" -> number(lowest(schema, false));
            case "boolean" -> JSON.booleanNode(name.equals(SUFFICIENT) && sufficient);
            case "null" -> JSON.nullNode();
            default -> text(name, index, schema);
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = JSON.objectNode();
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                object.set(property.getKey(), value(property.getValue(), property.getKey(), 0, depth + 1));
            }
        }
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            for (JsonNode name : required) {
                if (!object.has(name.asText())) {
                    object.set(name.asText(), value(null, name.asText(), 0, depth + 1));
                }
            }
        }
        return object;
    }

    private ArrayNode array(JsonNode schema, String name, int depth) {
        int count = arrayItems;
        if (schema.has("minItems")) {
            count = Math.max(count, schema.get("minItems").asInt());
        }
        if (schema.has("maxItems")) {
            count = Math.min(count, schema.get("maxItems").asInt());
        }
        ArrayNode array = JSON.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(value(schema.get("items"), name, i + 1, depth + 1));
        }
        return array;
    }

    private JsonNode text(String name, int index, JsonNode schema) {
        String format = schema.path("format").asText("");
        String value = switch (format) {
            case "date-time" -> "1970-01-01T00:00:00Z";
            case "date" -> "1970-01-01";
            case "time" -> "00:00:00Z";
            case "email" -> "simulated@example.com";
            case "uri", "url" -> "https://example.com/simulated";
            case "uuid" -> "00000000-0000-0000-0000-000000000000";
            default -> Prose.item(name, index, topic);
        };
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        int min = schema.path("minLength").asInt(0);
        if (value.length() > max) {
            value = value.substring(0, Math.max(0, max));
        }
        if (value.length() < min) {
            value = value + ".".repeat(min - value.length());
        }
        return JSON.textNode(value);
    }

    private static double lowest(JsonNode schema, boolean integer) {
        double value = 0;
        if (schema.has("minimum")) {
            value = schema.get("minimum").asDouble();
        } else if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
            value = schema.get("exclusiveMinimum").asDouble() + (integer ? 1 : 0.5);
        } else if (schema.has("maximum") && schema.get("maximum").asDouble() < 0) {
            value = schema.get("maximum").asDouble();
        } else if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()
                && schema.get("exclusiveMaximum").asDouble() <= 0) {
            value = schema.get("exclusiveMaximum").asDouble() - 1;
        }
        return value;
    }

    private static JsonNode number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? JSON.numberNode((long) value) : JSON.numberNode(value);
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            return type.asText();
        }
        if (type != null && type.isArray()) {
            for (JsonNode option : type) {
                if (!option.asText().equals("null")) {
                    return option.asText();
                }
            }
            return "null";
        }
        if (schema.has("properties") || schema.has("required")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    private static JsonNode firstNonNull(JsonNode branches) {
        for (JsonNode branch : branches) {
            if (!branch.path("type").asText("").equals("null")) {
                return branch;
            }
        }
        return branches.get(0);
    }

    /** {@code schema} with the branches of its {@code allOf} folded in: their properties and required lists joined. */
    private JsonNode merged(JsonNode schema) {
        ObjectNode merged = ((ObjectNode) schema).deepCopy();
        merged.remove("allOf");
        for (JsonNode branch : schema.get("allOf")) {
            JsonNode resolved = branch.hasNonNull("$ref") ? resolve(branch.get("$ref").asText()) : branch;
            for (Map.Entry<String, JsonNode> field : resolved.properties()) {
                JsonNode mine = merged.get(field.getKey());
                if (field.getKey().equals("properties") && mine != null && mine.isObject() && field.getValue().isObject()) {
                    ((ObjectNode) mine).setAll((ObjectNode) field.getValue().deepCopy());
                } else if (field.getKey().equals("required") && mine != null && mine.isArray() && field.getValue().isArray()) {
                    ((ArrayNode) mine).addAll((ArrayNode) field.getValue().deepCopy());
                } else if (mine == null) {
                    merged.set(field.getKey(), field.getValue().deepCopy());
                }
            }
        }
        return merged;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("$ref \"" + ref + "\" points outside the schema; only \"#/…\" is followed");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("$ref \"" + ref + "\" names nothing in the schema");
        }
        return target;
    }
}
