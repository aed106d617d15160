package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.detour.core.conformance.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's own {@code CreateChatCompletionRequest} schema (from the official OpenAPI document), read as
 * JSON Schema 2020-12: OpenAPI's {@code nullable: true} becomes "or null", and {@code discriminator} and
 * {@code x-oai*} keys are dropped.
 */
final class RequestSchema {

    private static final JsonSchema SCHEMA = load();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestSchema() {}

    static Set<ValidationMessage> violations(String json) {
        try {
            return SCHEMA.validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValid(String json) {
        assertThat(violations(json)).as("violations of CreateChatCompletionRequest by %s", json).isEmpty();
    }

    private static JsonSchema load() {
        try {
            ObjectNode document = (ObjectNode) new YAMLMapper().readTree(Fixtures.text("fixtures/openai-chat-schemas.yaml"));
            JsonNode normalised = normalise(document);
            ObjectNode root = (ObjectNode) normalised;
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#/components/schemas/CreateChatCompletionRequest");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(URI.create("https://detour.invalid/openai-chat-schemas.json"), root,
                            SchemaValidatorsConfig.builder().build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode normalise(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(normalise(item)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        boolean nullable = node.path("nullable").asBoolean(false);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (name.equals("nullable") || name.equals("discriminator") || name.startsWith("x-oai")) {
                continue;
            }
            copy.set(name, normalise(field.getValue()));
        }
        return nullable ? orNull(copy) : copy;
    }

    private static JsonNode orNull(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual() && !schema.has("enum")) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(type.asText()).add("null");
            schema.set("type", types);
            return schema;
        }
        if (type != null && type.isTextual() && schema.get("enum").isArray()) {
            schema.set("type", JsonNodeFactory.instance.arrayNode().add(type.asText()).add("null"));
            ((ArrayNode) schema.get("enum")).addNull();
            return schema;
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        List<JsonNode> choices = new ArrayList<>();
        choices.add(schema);
        choices.add(JsonNodeFactory.instance.objectNode().put("type", "null"));
        wrapper.set("anyOf", JsonNodeFactory.instance.arrayNode().addAll(choices));
        return wrapper;
    }
}
