package dev.detour.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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
        Optional<String> alias = firstAlias(file);
        if (alias.isPresent()) {
            problems.add(label, alias.get());
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.createParser(in)) {
            JsonNode first = MAPPER.readTree(parser);
            if (first != null && parser.nextToken() != null) {
                problems.add(label, "holds more than one YAML document; keep one (remove the extra ---)");
                return Optional.empty();
            }
            return Optional.of(first == null || first.isNull() || first.isMissingNode()
                    ? JsonNodeFactory.instance.objectNode()
                    : first);
        } catch (JsonProcessingException e) {
            problems.add(label, syntaxError(e) + "; fix the YAML there");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(label, "cannot be read (" + e.getClass().getSimpleName() + "); check that it is a readable"
                    + " file");
            return Optional.empty();
        }
    }

    /**
     * What is wrong with the file's first YAML alias ({@code *name}), if it has one: Jackson would read it as
     * the text {@code name}, silently. Syntax errors are left to the real read.
     */
    private static Optional<String> firstAlias(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.createParser(in)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    JsonLocation at = parser.currentTokenLocation();
                    return Optional.of("line " + at.getLineNr() + ", column " + at.getColumnNr() + ": *"
                            + shortened(parser.getText()) + " is a YAML alias (a reference to a value marked &"
                            + shortened(parser.getText()) + " elsewhere in the file); aliases are not supported:"
                            + " write the value out in full there");
                }
            }
        } catch (IOException e) {
            // The real read reports it.
        }
        return Optional.empty();
    }

    /**
     * The parser's own problem and position (SnakeYAML's problem mark, which Jackson's location does not
     * always match), without the excerpt of the file its message carries.
     */
    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return "YAML syntax error at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                    + shortened(String.valueOf(yaml.getProblem()));
        }
        JsonLocation location = e.getLocation();
        String at = location == null || location.getLineNr() < 1
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        String reason = duplicate.matches()
                ? "key " + Shown.quoted(duplicate.group(1)) + " appears twice in the same map"
                : original.lines().findFirst().orElse("unreadable");
        return "YAML syntax error" + at + ": " + shortened(reason);
    }

    private static String shortened(String reason) {
        String oneLine = SecretShapes.redact(reason).replaceAll("\\s+", " ").strip();
        return oneLine.length() > MAX_REASON ? oneLine.substring(0, MAX_REASON - 1) + "…" : oneLine;
    }
}
