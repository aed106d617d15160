package dev.detour.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {

    private static final HttpLimits DEFAULTS =
            new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(5), 8_388_608, 64);

    @Test
    void eachOptionAnEntrySetsReplacesItsDefaultAndTheOthersStay() {
        AdapterSettings entry = new AdapterSettings("hf", URI.create("https://router.huggingface.co"), false,
                Map.of("read-timeout", "2m", "max-concurrent-calls", "8"));

        assertThat(DEFAULTS.withOptionsOf(entry)).isEqualTo(
                new HttpLimits(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 8_388_608, 8));
    }

    @Test
    void theOptionsAreTheFiveEveryHttpAdapterAccepts() {
        assertThat(HttpLimits.OPTIONS).extracting(Option::key).containsExactly(
                "connect-timeout", "read-timeout", "call-timeout", "max-response-bytes", "max-concurrent-calls");
    }

    @Test
    void aModelProviderWaitsTwoMinutesForItsModelToThinkAndTenForTheWholeCall() {
        assertThat(HttpLimits.MODEL_CALLS).isEqualTo(
                new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofMinutes(10), 8_388_608, 64));
    }
}
