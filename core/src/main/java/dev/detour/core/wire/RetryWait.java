package dev.detour.core.wire;

import dev.detour.core.internal.Require;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a provider asked to wait before the next request, read from the headers of its response:
 * {@code retry-after-ms}, else {@code retry-after} (seconds or an HTTP date), else the longer of
 * {@code x-ratelimit-reset-requests} and {@code x-ratelimit-reset-tokens} (durations such as {@code 1s},
 * {@code 6m0s}, {@code 12ms}, {@code 1.5s}).
 */
public final class RetryWait {

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

    private RetryWait() {}

    /**
     * The wait the headers ask for; empty when none of them is present or readable.
     *
     * @param header looks a header up by its (case-insensitive) name; returns null when absent
     * @param clock the current time, to turn an HTTP date into a wait
     */
    public static Optional<Duration> fromHeaders(Function<String, String> header, Clock clock) {
        Require.nonNull(header, "header");
        Require.nonNull(clock, "clock");
        Optional<Duration> generic = fromRetryAfterHeaders(header, clock);
        if (generic.isPresent()) {
            return generic;
        }
        Optional<Duration> requests = goDuration(header.apply("x-ratelimit-reset-requests"));
        Optional<Duration> tokens = goDuration(header.apply("x-ratelimit-reset-tokens"));
        if (requests.isPresent() && tokens.isPresent()) {
            return Optional.of(requests.get().compareTo(tokens.get()) >= 0 ? requests.get() : tokens.get());
        }
        return requests.or(() -> tokens);
    }

    /**
     * The wait only the generic headers ask for: {@code retry-after-ms}, else {@code retry-after}. Use it
     * for failures other than rate limits, where OpenAI's {@code x-ratelimit-reset-*} say nothing about
     * when the provider will be back.
     */
    public static Optional<Duration> fromRetryAfterHeaders(Function<String, String> header, Clock clock) {
        Require.nonNull(header, "header");
        Require.nonNull(clock, "clock");
        Optional<Duration> millis = number(header.apply("retry-after-ms"))
                .map(ms -> nanos(ms.multiply(BigDecimal.valueOf(1_000_000))));
        return millis.isPresent() ? millis : retryAfter(header.apply("retry-after"), clock);
    }

    /** Reads a {@code Retry-After} value: seconds (possibly fractional) or an HTTP date. */
    public static Optional<Duration> retryAfter(String value, Clock clock) {
        Optional<BigDecimal> seconds = number(value);
        if (seconds.isPresent()) {
            return Optional.of(nanos(seconds.get().multiply(BigDecimal.valueOf(1_000_000_000))));
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Reads a Go-style duration such as {@code 6m0s}, {@code 1.5s} or {@code 12ms}. */
    public static Optional<Duration> goDuration(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        Optional<BigDecimal> plainSeconds = number(text);
        if (plainSeconds.isPresent()) {
            return Optional.of(nanos(plainSeconds.get().multiply(BigDecimal.valueOf(1_000_000_000))));
        }
        Matcher part = GO_DURATION_PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (part.find()) {
            if (part.start() != end) {
                return Optional.empty();
            }
            end = part.end();
            BigDecimal amount = new BigDecimal(part.group(1));
            long unitNanos = switch (part.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs" -> 1_000L;
                default -> 1L;
            };
            nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unitNanos)));
        }
        return end == text.length() && end > 0 ? Optional.of(nanos(nanos)) : Optional.empty();
    }

    /** A wait of {@code nanos}, saturating at the longest {@link Duration} of nanoseconds instead of wrapping. */
    private static Duration nanos(BigDecimal nanos) {
        return nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
                ? Duration.ofNanos(Long.MAX_VALUE)
                : Duration.ofNanos(nanos.longValue());
    }

    private static Optional<BigDecimal> number(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            BigDecimal number = new BigDecimal(value.strip());
            return number.signum() < 0 ? Optional.empty() : Optional.of(number);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
