package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads an amount of dollars as an exact decimal, such as {@code 0.50} or {@code 0.15}. */
final class Money {

    private static final Pattern DECIMAL = Pattern.compile("\\+?\\d+(?:\\.\\d+)?|\\+?\\.\\d+");
    private static final String HINT = "write dollars as a decimal number, such as 0.50";
    private static final int MAX_PLACES = 9;

    private Money() {}

    /** The dollars {@code node} says; a positive amount when {@code positive}, else zero or more. */
    static Optional<BigDecimal> dollars(JsonNode node, KeyPath path, boolean positive, Problems problems) {
        if (node == null || !(node.isNumber() || node.isTextual())) {
            problems.add(path, "expected an amount of dollars, found " + Values.found(node) + " (" + HINT + ")");
            return Optional.empty();
        }
        return dollars(node.isNumber() ? node.asText() : node.textValue(), path, positive, problems);
    }

    /** The dollars {@code text} says, as {@link #dollars(JsonNode, KeyPath, boolean, Problems)} reads them. */
    static Optional<BigDecimal> dollars(String text, KeyPath path, boolean positive, Problems problems) {
        String plain = text.strip().startsWith("$") ? text.strip().substring(1) : text.strip();
        BigDecimal amount;
        try {
            amount = new BigDecimal(plain);
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null || !(DECIMAL.matcher(plain).matches() || amount.signum() >= 0 && plain.matches("[0-9.]+E-?[0-9]+"))) {
            problems.add(path, Shown.quoted(text) + " is not an amount of dollars (" + HINT + ")");
            return Optional.empty();
        }
        if (positive ? amount.signum() <= 0 : amount.signum() < 0) {
            problems.add(path, amount.toPlainString() + " is too small (" + (positive ? "use an amount above 0" : "use 0 or more") + ")");
            return Optional.empty();
        }
        if (amount.stripTrailingZeros().scale() > MAX_PLACES) {
            problems.add(path, amount.toPlainString() + " has more than " + MAX_PLACES + " decimal places (" + HINT + ")");
            return Optional.empty();
        }
        return Optional.of(amount);
    }
}
