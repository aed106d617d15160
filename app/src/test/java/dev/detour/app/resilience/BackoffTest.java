package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.ResilienceConfig.BackoffConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final BackoffConfig CONFIG = new BackoffConfig(Duration.ofMillis(500), Duration.ofSeconds(8), 0.25);

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        Backoff noJitter = new Backoff(CONFIG, () -> 0.5);

        assertThat(noJitter.before(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(noJitter.before(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(noJitter.before(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.before(6)).isEqualTo(Duration.ofSeconds(8));
        assertThat(noJitter.before(60)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void spreadsEachDelayByTheJitterFractionEitherWay() {
        assertThat(new Backoff(CONFIG, () -> 0.0).before(2)).isEqualTo(Duration.ofMillis(750));
        assertThat(new Backoff(CONFIG, () -> 1.0).before(2)).isEqualTo(Duration.ofMillis(1250));
    }
}
