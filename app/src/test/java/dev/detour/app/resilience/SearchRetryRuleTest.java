package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.model.ErrorKind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How long a search waits before it tries a source again, decided without waiting. */
class SearchRetryRuleTest {

    private static final ResilienceConfig CONFIG = new ResilienceConfig(Duration.ofSeconds(60), 2,
            new ResilienceConfig.BackoffConfig(Duration.ofMillis(100), Duration.ofSeconds(8), 0), Duration.ofSeconds(30),
            ResilienceConfig.CircuitBreakerConfig.defaults(), Optional.empty());

    private final SearchRetryRule rule = new SearchRetryRule(new RetryRule(CONFIG, new Backoff(CONFIG.backoff(), () -> 0.5)));

    private static SearchFailedException failure(ErrorKind kind, int status, Duration retryAfter) {
        return SearchFailedException.builder(kind, "pubmed").httpStatus(status).retryAfter(retryAfter).build();
    }

    @Test
    void backsOffAtLeastASecondFromA429ThatNamesNoWait() {
        assertThat(rule.waitBefore(1, failure(ErrorKind.RATE_LIMITED, 429, null), 0, Optional.empty()))
                .contains(Duration.ofSeconds(1));
    }

    @Test
    void waitsAsLongAsTheSourceAsksWhenItSays() {
        assertThat(rule.waitBefore(1, failure(ErrorKind.RATE_LIMITED, 429, Duration.ofSeconds(3)), 0, Optional.empty()))
                .contains(Duration.ofSeconds(3));
    }

    @Test
    void backsOffExponentiallyFromAnUnavailableSource() {
        assertThat(rule.waitBefore(1, failure(ErrorKind.PROVIDER_UNAVAILABLE, 503, null), 0, Optional.empty()))
                .contains(Duration.ofMillis(100));
        assertThat(rule.waitBefore(2, failure(ErrorKind.PROVIDER_UNAVAILABLE, 503, null), 0, Optional.empty()))
                .contains(Duration.ofMillis(200));
    }

    @Test
    void givesUpWhenTheWaitWouldNotEndBeforeTheDeadlineOrTheKindIsNotRetried() {
        assertThat(rule.waitBefore(1, failure(ErrorKind.RATE_LIMITED, 429, null), 0, Optional.of(Duration.ofMillis(500))))
                .isEmpty();
        assertThat(rule.waitBefore(1, failure(ErrorKind.INVALID_REQUEST, 400, null), 0, Optional.empty())).isEmpty();
    }
}
