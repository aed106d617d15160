package dev.detour.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
