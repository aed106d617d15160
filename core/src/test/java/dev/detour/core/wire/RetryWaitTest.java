package dev.detour.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryWaitTest {

    private final MutableClock clock = MutableClock.atEpoch();

    private Optional<Duration> wait(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return RetryWait.fromHeaders(byName::get, clock);
    }

    @Test
    void prefersRetryAfterMilliseconds() {
        assertThat(wait(Map.of("retry-after-ms", "250", "Retry-After", "3"))).contains(Duration.ofMillis(250));
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(wait(Map.of("Retry-After", "1"))).contains(Duration.ofSeconds(1));
        assertThat(wait(Map.of("Retry-After", "0.5"))).contains(Duration.ofMillis(500));
        assertThat(wait(Map.of("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT"))).contains(Duration.ofSeconds(30));
        assertThat(wait(Map.of("Retry-After", "Wed, 31 Dec 2025 23:00:00 GMT"))).contains(Duration.ZERO);
    }

    @Test
    void fallsBackToTheLongerOfOpenAisResetHeaders() {
        assertThat(wait(Map.of("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "6m0s")))
                .contains(Duration.ofMinutes(6));
        assertThat(wait(Map.of("x-ratelimit-reset-tokens", "12ms"))).contains(Duration.ofMillis(12));
    }

    @Test
    void saturatesAnAbsurdlyLongWaitInsteadOfWrappingAround() {
        assertThat(wait(Map.of("Retry-After", "99999999999999999999"))).contains(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(RetryWait.goDuration("99999999999h")).contains(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Test
    void isEmptyWithoutAReadableHeader() {
        assertThat(wait(Map.of())).isEmpty();
        assertThat(wait(Map.of("Retry-After", "soon"))).isEmpty();
        assertThat(wait(Map.of("Retry-After", "-4"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1s,1000", "6m0s,360000", "12ms,12", "1.5s,1500", "1h2m3s,3723000", "20,20000"})
    void readsGoStyleDurations(String text, long millis) {
        assertThat(RetryWait.goDuration(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"abc", "1x", "s", "1s junk"})
    void refusesWhatIsNotADuration(String text) {
        assertThat(RetryWait.goDuration(text)).isEmpty();
    }

    private Optional<Duration> untilReset(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return RetryWait.untilLimitsReset(byName::get, "anthropic-ratelimit-",
                List.of("requests", "tokens", "output-tokens"), clock);
    }

    @Test
    void waitsUntilTheLatestResetOfTheLimitsWithNothingLeft() {
        assertThat(untilReset(Map.of(
                "anthropic-ratelimit-requests-remaining", "49",
                "anthropic-ratelimit-requests-reset", "2026-01-01T00:02:00Z",
                "anthropic-ratelimit-tokens-remaining", "0",
                "anthropic-ratelimit-tokens-reset", "2026-01-01T00:00:45Z",
                "anthropic-ratelimit-output-tokens-reset", "2026-01-01T01:00:00+01:00")))
                .contains(Duration.ofSeconds(45));
    }

    @Test
    void countsALimitWithoutItsRemainingCountAsUsedUpAndSkipsAnUnreadableReset() {
        assertThat(untilReset(Map.of("anthropic-ratelimit-tokens-reset", "2026-01-01T00:00:10Z",
                "anthropic-ratelimit-requests-reset", "not a time"))).contains(Duration.ofSeconds(10));
        assertThat(untilReset(Map.of("anthropic-ratelimit-tokens-reset", "2025-12-31T23:00:00Z")))
                .contains(Duration.ZERO);
        assertThat(untilReset(Map.of("anthropic-ratelimit-tokens-remaining", "3",
                "anthropic-ratelimit-tokens-reset", "2026-01-01T00:00:10Z"))).isEmpty();
        assertThat(untilReset(Map.of())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2026-01-01T00:00:30Z,30000", "2026-01-01T01:00:01+01:00,1000", "' 2026-01-01T00:00:00.250Z ',250",
            "2025-12-31T00:00:00Z,0"})
    void readsAnIsoTimestampAsTheWaitUntilIt(String text, long millis) {
        assertThat(RetryWait.untilTimestamp(text, clock)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"not a time", "2026-01-01T00:00:30", "''"})
    void refusesWhatIsNotATimestampWithAnOffset(String text) {
        assertThat(RetryWait.untilTimestamp(text, clock)).isEmpty();
        assertThat(RetryWait.untilTimestamp(null, clock)).isEmpty();
    }
}
