package dev.detour.app.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations written with a unit, Go style: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 1.5s}; ages (retention) may start with days: {@code 30d}. Unlike provider headers, a bare number is
 * refused: {@code 60} could mean anything.
 */
final class Durations {

    static final String HINT = "use a number with a unit: 500ms, 30s, 5m, 1h";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,6})d(.*)");
    private static final Pattern BARE_NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {}

    /**
     * The positive duration {@code text} stands for.
     *
     * @throws IllegalArgumentException saying what is wrong with it, quoting it, without the hint
     */
    static Duration parse(String text) {
        String value = text.strip();
        if (BARE_NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException(Shown.quoted(text) + " has no unit");
        }
        boolean negative = value.startsWith("-");
        BigDecimal nanos = nanos(negative ? value.substring(1) : value);
        if (nanos == null) {
            throw new IllegalArgumentException(Shown.quoted(text) + " is not a duration");
        }
        if (negative || nanos.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException(Shown.quoted(text) + " must be longer than zero");
        }
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException(Shown.quoted(text) + " is too long");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * The positive age {@code text} stands for: a duration that may also start with days, such as
     * {@code 30d} or {@code 1d12h}.
     *
     * @throws IllegalArgumentException saying what is wrong with it, quoting it, without the hint
     */
    static Duration parseAge(String text) {
        Matcher days = DAYS.matcher(text.strip());
        if (!days.matches()) {
            return parse(text);
        }
        Duration age = Duration.ofDays(Long.parseLong(days.group(1)));
        String rest = days.group(2);
        try {
            age = rest.isEmpty() ? age : age.plus(parse(rest));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Shown.quoted(text) + " is not a duration", e);
        }
        if (age.isZero()) {
            throw new IllegalArgumentException(Shown.quoted(text) + " must be longer than zero");
        }
        return age;
    }

    /** {@code duration} written the way a configuration file would, such as {@code 1m30s} or {@code 500ms}. */
    static String format(Duration duration) {
        if (duration.toNanos() % 1_000_000 != 0) {
            return duration.toNanos() + "ns";
        }
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (millis > 0 || text.isEmpty()) {
            text.append(millis).append("ms");
        }
        return text.toString();
    }

    private static BigDecimal nanos(String value) {
        Matcher part = PART.matcher(value);
        BigDecimal total = BigDecimal.ZERO;
        int end = 0;
        while (part.find()) {
            if (part.start() != end) {
                return null;
            }
            end = part.end();
            long unit = switch (part.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs" -> 1_000L;
                default -> 1L;
            };
            total = total.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        return end > 0 && end == value.length() ? total : null;
    }
}
