package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "5m,300000", "1h,3600000", "1h30m,5400000", "6m0s,360000", "1.5s,1500",
        "' 2s ',2000", "250000us,250", "250000µs,250", "1000000ns,1"})
    void readsGoStyleDurationsWithAUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            60          | "60" has no unit
            -3          | "-3" has no unit
            0.5         | "0.5" has no unit
            5 parsecs   | "5 parsecs" is not a duration
            5s5         | "5s5" is not a duration
            1d          | "1d" is not a duration
            s           | "s" is not a duration
            0s          | "0s" must be longer than zero
            0.5ns       | "0.5ns" must be longer than zero
            -1m         | "-1m" must be longer than zero
            3000000h    | "3000000h" is too long
            """)
    void saysWhatIsWrongWithAnythingElse(String text, String problem) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage(problem);
    }

    @ParameterizedTest
    @CsvSource({"500,500ms", "8000,8s", "90000,1m30s", "3600000,1h", "3723004,1h2m3s4ms", "0,0ms"})
    void writesDurationsTheWayAFileWould(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
