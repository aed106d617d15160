package dev.detour.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The field structure of a payload, values left out: for JSON every path (array items as {@code []}, the
 * keys of a map of ids as {@code *}) with the types found there; for XML every element path and attribute.
 * Two payloads have the same shape when they have the same paths and, where both have a non-null value,
 * the same types.
 */
final class Shapes {

    private Shapes() {}

    /** The shape of {@code json}; under each of {@code maps} (paths as this class writes them) the keys are data, not names. */
    static Map<String, Set<String>> of(JsonNode json, String... maps) {
        Map<String, Set<String>> shape = new TreeMap<>();
        walk(json, "", Set.of(maps), shape);
        return shape;
    }

    static Map<String, Set<String>> of(Document xml) {
        Map<String, Set<String>> shape = new TreeMap<>();
        walk(xml.getDocumentElement(), "", shape);
        return shape;
    }

    static void assertSameShape(Map<String, Set<String>> actual, Map<String, Set<String>> expected) {
        assertThat(actual.keySet()).as("field paths").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((path, types) -> {
            if (!types.isEmpty() && !actual.get(path).isEmpty()) {
                assertThat(actual.get(path)).as("types at " + path).isEqualTo(types);
            }
        });
    }

    private static void walk(JsonNode node, String path, Set<String> maps, Map<String, Set<String>> shape) {
        Set<String> types = shape.computeIfAbsent(path.isEmpty() ? "$" : path, key -> new TreeSet<>());
        if (!node.isNull()) {
            types.add(node.getNodeType().name());
        }
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                boolean data = maps.contains(path) || entry.getKey().matches("[0-9]+");
                String name = data ? "*" : entry.getKey();
                walk(entry.getValue(), path.isEmpty() ? name : path + "." + name, maps, shape);
            });
        } else if (node.isArray()) {
            node.forEach(item -> walk(item, path + "[]", maps, shape));
        }
    }

    private static void walk(Element element, String parent, Map<String, Set<String>> shape) {
        String path = parent + "/" + element.getTagName();
        shape.computeIfAbsent(path, key -> new TreeSet<>());
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            shape.computeIfAbsent(path + "@" + attributes.item(i).getNodeName(), key -> new TreeSet<>());
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(childElement, path, shape);
            }
        }
    }
}
