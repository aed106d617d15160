package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 16: a wait before a retry that cannot end before the call's deadline is not slept out:
 * the chain falls back at once, while the healthy fallback still has time to answer.
 */
class WaitLongerThanTheDeadlineTest {

    private static final ChatRequest REQUEST = ChatRequest.of(ChatMessage.user("why?"));

    private ChainRig rig;

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private ChainRig start(ResilienceConfig.BackoffConfig backoff) {
        ResilienceConfig base = ChainRig.resilience(2, 3);
        return ChainRig.start(Instant.now(), new ResilienceConfig(base.attemptTimeout(), 2, backoff,
                Duration.ofMinutes(1), base.circuitBreaker(), Optional.empty()), WorkflowConfig.defaults(),
                "primary", "fallback");
    }

    /** A deadline ten seconds away: plenty for a loopback answer, less than the waits below. */
    private CallContext tenSecondsLeft() {
        return CallContext.none().withDeadline(rig.clock.instant().plus(Duration.ofSeconds(10)));
    }

    @Test
    void fallsBackAtOnceWhenTheProvidersWaitIsLongerThanTheTimeLeft() {
        rig = start(new ResilienceConfig.BackoffConfig(Duration.ofMillis(1), Duration.ofMillis(2), 0));
        rig.provider.script("primary", new MockResponse.Builder().code(429).addHeader("Retry-After", "30")
                .addHeader("Content-Type", "application/json").body("{\"error\":\"slow down\"}").build());

        ChatResponse answer = rig.chain().chat(REQUEST, tenSecondsLeft());

        assertThat(answer.model()).isEqualTo(ChainRig.model("fallback"));
        assertThat(answer.attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        assertThat(rig.provider.requestsFor("primary")).isEqualTo(1);
    }

    @Test
    void fallsBackAtOnceWhenTheBackoffIsLongerThanTheTimeLeft() {
        rig = start(new ResilienceConfig.BackoffConfig(Duration.ofSeconds(30), Duration.ofSeconds(30), 0));
        rig.provider.script("primary", FakeProvider.error(500, "{\"error\":\"upstream error\"}"));

        ChatResponse answer = rig.chain().chat(REQUEST, tenSecondsLeft());

        assertThat(answer.model()).isEqualTo(ChainRig.model("fallback"));
        assertThat(rig.provider.requestsFor("primary")).isEqualTo(1);
    }
}
