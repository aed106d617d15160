package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.CallPausedException;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller that waits its own way between tries (the Temporal engine's durable timer): a wait longer than
 * it lets the chain sleep pauses the call, and the call resumed from where it paused goes on with the same
 * model's next try, keeping every attempt.
 */
class PausedCallTest {

    private static final ChatRequest REQUEST = ChatRequest.of(ChatMessage.user("why?"));

    private ChainRig rig;

    @BeforeEach
    void start() {
        ResilienceConfig base = ChainRig.resilience(2, 3);
        rig = ChainRig.start(Instant.now(), new ResilienceConfig(base.attemptTimeout(), 2, base.backoff(),
                Duration.ofMinutes(10), base.circuitBreaker(), Optional.empty()), WorkflowConfig.defaults(),
                "primary", "fallback");
        rig.provider.script("primary",
                new MockResponse.Builder().code(429).addHeader("Retry-After", "180")
                        .addHeader("Content-Type", "application/json").body("{\"error\":\"slow down\"}").build(),
                FakeProvider.completion("primary", "Because.", 3, 2));
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void aWaitLongerThanTheCallerLetsTheChainSleepPausesTheCallAndTheResumedCallTakesTheNextTry() {
        CallContext context = CallContext.none().withLongestWait(Duration.ofSeconds(5));

        CallPausedException paused = catchThrowableOfType(CallPausedException.class, () -> rig.chain().chat(REQUEST, context));

        assertThat(paused.waitFor()).isEqualTo(Duration.ofMinutes(3));
        assertThat(paused.position().model()).isEqualTo(ChainRig.model("primary"));
        assertThat(paused.position().retry()).isEqualTo(1);
        assertThat(paused.position().attempts()).extracting(attempt -> attempt.httpStatus().getAsInt()).containsExactly(429);

        ChatResponse answer = rig.chain().chat(REQUEST, context.resumingFrom(paused.position()));

        assertThat(answer.model()).isEqualTo(ChainRig.model("primary"));
        assertThat(answer.attempts()).extracting(Attempt::retry, Attempt::outcome).containsExactly(
                tuple(0, Attempt.Outcome.FAILED),
                tuple(1, Attempt.Outcome.SUCCEEDED));
        assertThat(rig.provider.requestsFor("primary")).isEqualTo(2);
        assertThat(rig.provider.requestsFor("fallback")).isZero();
    }

    @Test
    void withoutALongestWaitTheChainNeverPausesACall() {
        CallContext noPause = CallContext.none().withDeadline(rig.clock.instant().plus(Duration.ofSeconds(10)));

        ChatResponse answer = rig.chain().chat(REQUEST, noPause);

        assertThat(answer.model()).as("no pause: the wait is longer than the deadline allows, so it falls back at once")
                .isEqualTo(ChainRig.model("fallback"));
    }
}
