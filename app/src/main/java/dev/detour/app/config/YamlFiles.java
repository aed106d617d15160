package dev.detour.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a configuration file into a YAML tree. An empty file is an empty map; a syntax error is one
 * problem naming the file, line and column, without the parser's excerpt of the file (it could hold a key).
 */
final class YamlFiles {

    private static final YAMLMapper MAPPER =
            YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final int MAX_REASON = 200;

    private YamlFiles() {}

    static Optional<JsonNode> read(Path file, Problems problems) {
        KeyPath label = KeyPath.label(file.toString());
        try (InputStream in = Files.newInputStream(file);
                MappingIterator<JsonNode> documents = MAPPER.readerFor(JsonNode.class).readValues(in)) {
            JsonNode first = documents.hasNextValue() ? documents.nextValue() : JsonNodeFactory.instance.objectNode();
            if (documents.hasNextValue()) {
                problems.add(label, "holds more than one YAML document; keep one (remove the extra ---)");
                return Optional.empty();
            }
            return Optional.of(first.isNull() ? JsonNodeFactory.instance.objectNode() : first);
        } catch (JsonProcessingException e) {
            problems.add(label, "YAML syntax error" + at(e.getLocation()) + ": " + reason(e) + "; fix the YAML there");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(label, "cannot be read (" + e.getClass().getSimpleName() + "); check that it is a readable"
                    + " file");
            return Optional.empty();
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String reason(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.matches()) {
            return "key " + Shown.quoted(duplicate.group(1)) + " appears twice in the same map";
        }
        String reason = original.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining("; "));
        reason = SecretShapes.redact(reason);
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
    }
}
