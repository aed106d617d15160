package dev.detour.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against the parts of JSON Schema the simulator claims to satisfy (type, required,
 * properties, additionalProperties: false, items, minItems/maxItems, enum, const, minimum/maximum,
 * minLength/maxLength, $ref, anyOf/oneOf/allOf), returning every violation found.
 */
final class SchemaCheck {

    private final JsonNode root;
    private final List<String> violations = new ArrayList<>();

    private SchemaCheck(JsonNode root) {
        this.root = root;
    }

    static List<String> violations(JsonNode schema, JsonNode value) {
        SchemaCheck check = new SchemaCheck(schema);
        check.check(schema, value, "$");
        return check.violations;
    }

    private void check(JsonNode schema, JsonNode value, String at) {
        if (schema.has("$ref")) {
            check(root.at(schema.get("$ref").asText().substring(1)), value, at);
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            violations.add(at + ": is not the const " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                violations.add(at + ": " + value + " is not in " + schema.get("enum"));
            }
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            JsonNode branches = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
            int matching = 0;
            for (JsonNode branch : branches) {
                matching += violations(branchRoot(branch), value).isEmpty() ? 1 : 0;
            }
            if (matching == 0 || (schema.has("oneOf") && matching > 1)) {
                violations.add(at + ": matches " + matching + " of the branches");
            }
        }
        if (schema.has("allOf")) {
            for (JsonNode branch : schema.get("allOf")) {
                check(branch, value, at);
            }
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            violations.add(at + ": " + value + " is not of type " + schema.get("type"));
            return;
        }
        if (value.isObject()) {
            object(schema, value, at);
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                violations.add(at + ": fewer than minItems");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                violations.add(at + ": more than maxItems");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), at + "[" + i + "]");
                }
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                violations.add(at + ": below minimum");
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                violations.add(at + ": above maximum");
            }
            if (schema.has("exclusiveMinimum") && value.asDouble() <= schema.get("exclusiveMinimum").asDouble()) {
                violations.add(at + ": not above exclusiveMinimum");
            }
        }
        if (value.isTextual()) {
            if (schema.has("minLength") && value.asText().length() < schema.get("minLength").asInt()) {
                violations.add(at + ": shorter than minLength");
            }
            if (schema.has("maxLength") && value.asText().length() > schema.get("maxLength").asInt()) {
                violations.add(at + ": longer than maxLength");
            }
        }
    }

    private void object(JsonNode schema, JsonNode value, String at) {
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                violations.add(at + ": misses required property " + name.asText());
            }
        }
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), at + "." + field.getKey());
            } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                violations.add(at + ": has additional property " + field.getKey());
            }
        }
    }

    private JsonNode branchRoot(JsonNode branch) {
        return branch.has("$ref") ? root.at(branch.get("$ref").asText().substring(1)) : branch;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (typeMatches(option, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }
}
