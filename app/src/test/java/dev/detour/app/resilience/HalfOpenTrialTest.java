package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 9, item 13: a half-open breaker lets exactly one trial through per window, however many callers race for it. */
class HalfOpenTrialTest {

    private static final ChatRequest REQUEST = ChatRequest.of(ChatMessage.user("why?"));
    private static final int CALLERS = 64;

    private ChainRig rig;

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void admitsExactlyOneTrialPerWindowWhen64CallersArriveAtOnceAtAnInstantlyFailingModel() throws Exception {
        rig = ChainRig.start(ChainRig.resilience(0, 1), "dead", "healthy");
        rig.provider.always("dead", FakeProvider.error(500, "{\"error\":\"upstream error\"}"));
        ModelPort chain = rig.chain();
        chain.chat(REQUEST);
        assertThat(rig.breaker("dead")).isEqualTo("OPEN");

        for (int window = 1; window <= 3; window++) {
            rig.clock.advance(Duration.ofSeconds(30));

            List<ChatResponse> answers = callAtOnce(chain);

            assertThat(rig.provider.requestsFor("dead")).as("requests to the dead model after window %d", window)
                    .isEqualTo(1 + window);
            assertThat(answers).hasSize(CALLERS).allSatisfy(answer ->
                    assertThat(answer.model()).isEqualTo(ChainRig.model("healthy")));
            assertThat(rig.breaker("dead")).isEqualTo("OPEN");
        }
    }

    private static List<ChatResponse> callAtOnce(ModelPort chain) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<ChatResponse> answers = new CopyOnWriteArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    answers.add(chain.chat(REQUEST));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        return answers;
    }
}
