package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 18: what a caller's own listener throws is the caller's problem, isolated from the provider's
 * outcome: no breaker failure, no "Detour bug", no fallback, and never a lost answer.
 */
class ThrowingListenerTest {

    private static final ChatRequest REQUEST = ChatRequest.of(ChatMessage.user("why?"));

    private ChainRig rig;

    @BeforeEach
    void start() {
        rig = ChainRig.start(ChainRig.resilience(2, 1), "primary", "fallback");
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private static String recordedStream() {
        try (InputStream in = ThrowingListenerTest.class.getResourceAsStream("/fixtures/openai-stream-basic.sse")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertAnsweredByThePrimaryAlone(ChatResponse answer) {
        assertThat(answer.model()).isEqualTo(ChainRig.model("primary"));
        assertThat(answer.attempts()).singleElement().satisfies(attempt ->
                assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED));
        assertThat(rig.breaker("primary")).isEqualTo("CLOSED");
        assertThat(rig.provider.requestsFor("primary")).isEqualTo(1);
        assertThat(rig.provider.requestsFor("fallback")).isZero();
    }

    @Test
    void aStreamListenerThatThrowsNeitherCostsTheAnswerNorCountsAgainstTheModel() {
        rig.provider.script("primary", FakeProvider.stream(recordedStream()));
        CallContext display = CallContext.none().withStreamListener(delta -> {
            throw new IllegalStateException("the display crashed");
        });

        ChatResponse answer = rig.chain().chat(REQUEST.withStream(true), display);

        assertAnsweredByThePrimaryAlone(answer);
        assertThat(answer.text()).isEqualTo("two");
    }

    @Test
    void anAttemptListenerThatThrowsOnTheSuccessNeverLosesTheAnswer() {
        CallContext progress = CallContext.none().withAttemptListener(new AttemptListener() {
            @Override
            public void attemptFinished(Attempt attempt) {
                throw new IllegalStateException("the progress display crashed");
            }
        });

        ChatResponse answer = rig.chain().chat(REQUEST, progress);

        assertAnsweredByThePrimaryAlone(answer);
        assertThat(answer.text()).isEqualTo("Answer from primary.");
    }

    @Test
    void anAttemptListenerThatThrowsWhenAnAttemptStartsDoesNotStopTheCall() {
        CallContext progress = CallContext.none().withAttemptListener(new AttemptListener() {
            @Override
            public void attemptStarted(ModelRef model, int retry) {
                throw new IllegalStateException("the progress display crashed");
            }
        });

        ChatResponse answer = rig.chain().chat(REQUEST, progress);

        assertAnsweredByThePrimaryAlone(answer);
    }

    @Test
    void anAttemptListenerThatThrowsOnAFallbackLetsTheFallbackAnswer() {
        rig.provider.script("primary", FakeProvider.error(401, "{\"error\":\"bad token\"}"));
        CallContext progress = CallContext.none().withAttemptListener(new AttemptListener() {
            @Override
            public void fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {
                throw new IllegalStateException("the progress display crashed");
            }
        });

        ChatResponse answer = rig.chain().chat(REQUEST, progress);

        assertThat(answer.model()).isEqualTo(ChainRig.model("fallback"));
    }
}
