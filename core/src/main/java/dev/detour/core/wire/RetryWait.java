package dev.detour.core.wire;

import dev.detour.core.internal.Require;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a provider asked to wait before the next request, read from the headers of its response:
 * {@code retry-after-ms}, else {@code retry-after} (seconds or an HTTP date), else the longer of
 * {@code x-ratelimit-reset-requests} and {@code x-ratelimit-reset-tokens} (durations such as {@code 1s},
 * {@code 6m0s}, {@code 12ms}, {@code 1.5s}); and, for providers that send ISO-8601 reset times per limit,
 * such as Anthropic's {@code anthropic-ratelimit-*-reset}, the wait until the limits with nothing left reset.
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
            return Optional.of(until(at.toInstant(), clock));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The wait until the latest reset of the limits that have nothing left: for each of {@code limits}, header
     * {@code <prefix><limit>-remaining} is its count ({@code 0}, or absent, means used up) and
     * {@code <prefix><limit>-reset} the ISO-8601 time it resets, as in Anthropic's
     * {@code anthropic-ratelimit-tokens-reset: 2026-02-25T20:02:45Z}. Empty when no such reset is readable.
     *
     * @param prefix the headers' common start, such as {@code "anthropic-ratelimit-"}
     * @param limits the limits' names, such as {@code "requests"} and {@code "tokens"}
     */
    public static Optional<Duration> untilLimitsReset(Function<String, String> header, String prefix,
            List<String> limits, Clock clock) {
        Require.nonNull(header, "header");
        Require.nonNull(prefix, "prefix");
        Require.nonNull(limits, "limits");
        Require.nonNull(clock, "clock");
        return limits.stream().map(limit -> prefix + limit)
                .filter(limit -> usedUp(header.apply(limit + "-remaining")))
                .flatMap(limit -> untilTimestamp(header.apply(limit + "-reset"), clock).stream())
                .max(Duration::compareTo);
    }

    /** The wait until an ISO-8601 time with an offset, such as {@code 2026-02-25T20:02:45Z}; zero once it passed. */
    public static Optional<Duration> untilTimestamp(String value, Clock clock) {
        Require.nonNull(clock, "clock");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(until(OffsetDateTime.parse(value.strip()).toInstant(), clock));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean usedUp(String remaining) {
        return remaining == null || remaining.strip().equals("0");
    }

    private static Duration until(Instant at, Clock clock) {
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
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
