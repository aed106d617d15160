package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one scalar of the YAML tree into a typed value, or records one problem at its key path and
 * returns empty. A value shaped like a key is never quoted: it reads as empty without a problem of its
 * own, since {@link SecretScan} has already reported it.
 */
final class Values {

    static final String FRACTION_HINT = "use a fraction from 0 to 1, such as 0.25";
    static final String BOOLEAN_HINT = "write true or false";

    private static final Pattern NUMBER_TEXT = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?");

    private Values() {}

    static Optional<Duration> duration(JsonNode node, KeyPath path, Problems problems) {
        return durationText(node, path, Durations.HINT, problems)
                .flatMap(text -> parseDuration(text, path, Durations.HINT, problems));
    }

    /** A duration, or {@code none} for no limit. */
    static Optional<Optional<Duration>> durationOrNone(JsonNode node, KeyPath path, Problems problems) {
        String hint = Durations.HINT + ", or none for no limit";
        Optional<String> text = durationText(node, path, hint, problems);
        if (text.isPresent() && text.get().strip().equals("none")) {
            return Optional.of(Optional.empty());
        }
        return text.flatMap(value -> parseDuration(value, path, hint, problems)).map(Optional::of);
    }

    static Optional<Long> wholeNumber(JsonNode node, KeyPath path, long min, long max, Problems problems) {
        String hint = "use a whole number of at least " + min;
        if (!scalarPresent(node, path, "a whole number", hint, problems)) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            if (SecretShapes.looksLikeKey(node.textValue())) {
                return Optional.empty();
            }
            if (NUMBER_TEXT.matcher(node.textValue().strip()).matches()) {
                problems.add(path, Shown.quoted(node.textValue()) + " is text, not a number (write it without quotes)");
            } else {
                problems.add(path, Shown.quoted(node.textValue()) + " is not a whole number (" + hint + ")");
            }
            return Optional.empty();
        }
        if (!node.isNumber()) {
            problems.add(path, "expected a whole number, found " + found(node) + " (" + hint + ")");
            return Optional.empty();
        }
        if (!node.isIntegralNumber()) {
            problems.add(path, node.asText() + " is not a whole number (" + hint + ")");
            return Optional.empty();
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            problems.add(path, value + " is too small (" + hint + ")");
            return Optional.empty();
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(path, value + " is too large (use a whole number of at most " + max + ")");
            return Optional.empty();
        }
        return Optional.of(value.longValue());
    }

    static Optional<Double> fraction(JsonNode node, KeyPath path, Problems problems) {
        if (!scalarPresent(node, path, "a number", FRACTION_HINT, problems)) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            if (!SecretShapes.looksLikeKey(node.textValue())) {
                problems.add(path, Shown.quoted(node.textValue()) + " is not a number (" + FRACTION_HINT + ")");
            }
            return Optional.empty();
        }
        if (!node.isNumber()) {
            problems.add(path, "expected a number, found " + found(node) + " (" + FRACTION_HINT + ")");
            return Optional.empty();
        }
        double value = node.doubleValue();
        if (!(value >= 0 && value <= 1)) {
            problems.add(path, node.asText() + " is out of range (" + FRACTION_HINT + ")");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static Optional<Boolean> bool(JsonNode node, KeyPath path, Problems problems) {
        if (!scalarPresent(node, path, "true or false", BOOLEAN_HINT, problems)) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isTextual()) {
            if (!SecretShapes.looksLikeKey(node.textValue())) {
                problems.add(path, Shown.quoted(node.textValue()) + " is not true or false (" + BOOLEAN_HINT + ")");
            }
            return Optional.empty();
        }
        problems.add(path, "expected true or false, found " + found(node) + " (" + BOOLEAN_HINT + ")");
        return Optional.empty();
    }

    /** Text, such as a provider type or URL; {@code hint} says what to write instead of something else. */
    static Optional<String> text(JsonNode node, KeyPath path, String what, String hint, Problems problems) {
        if (!scalarPresent(node, path, what, hint, "", problems)) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problems.add(path, "expected " + what + ", found " + found(node) + " (" + hint + ")");
            return Optional.empty();
        }
        if (SecretShapes.looksLikeKey(node.textValue())) {
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    /** What {@code node} is, as a problem says it: {@code a list}, {@code a map}, {@code text}, {@code 3}, {@code true}. */
    static String found(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "text " + Shown.quoted(node.textValue());
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
    }

    private static Optional<String> durationText(JsonNode node, KeyPath path, String hint, Problems problems) {
        if (!scalarPresent(node, path, "a duration", hint, problems)) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.asText());
        }
        if (!node.isTextual()) {
            problems.add(path, "expected a duration, found " + found(node) + " (" + hint + ")");
            return Optional.empty();
        }
        return SecretShapes.looksLikeKey(node.textValue()) ? Optional.empty() : Optional.of(node.textValue());
    }

    private static Optional<Duration> parseDuration(String text, KeyPath path, String hint, Problems problems) {
        try {
            return Optional.of(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage() + " (" + hint + ")");
            return Optional.empty();
        }
    }

    private static boolean scalarPresent(JsonNode node, KeyPath path, String what, String hint, Problems problems) {
        return scalarPresent(node, path, what, hint, ", or remove the key to use the default", problems);
    }

    private static boolean scalarPresent(
            JsonNode node, KeyPath path, String what, String hint, String orElse, Problems problems) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            problems.add(path, "has no value (" + hint + orElse + ")");
            return false;
        }
        if (node.isContainerNode()) {
            problems.add(path, "expected " + what + ", found " + found(node) + " (" + hint + ")");
            return false;
        }
        return true;
    }
}
