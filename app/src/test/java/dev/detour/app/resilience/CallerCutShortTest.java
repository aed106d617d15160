package dev.detour.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.StreamListener;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 14: an attempt the caller cut short (its own deadline, a cancellation, an interrupt) says
 * nothing about the provider's health, so it never counts against the model's circuit breaker.
 */
class CallerCutShortTest {

    private static final String HURRY = "in a hurry";
    private static final ChatRequest REQUEST = ChatRequest.of(ChatMessage.user("why?"));
    private static final ChatRequest HURRIED = ChatRequest.of(ChatMessage.user(HURRY + ": why?"));
    private static final Duration JOIN = Duration.ofSeconds(10);

    private ChainRig rig;

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    /** Requests asking in a hurry are held until the client gives up; the rig's time limits end them at once. */
    private void holdHurriedRequests() {
        rig.provider.answering(request -> request.body().contains(HURRY), FakeProvider.stalled());
    }

    @Test
    void threeRunsWhoseTimeBudgetRanOutMidCallLeaveAHealthyModelsBreakerClosed() {
        rig = ChainRig.start(ChainRig.resilience(0, 3), "slow");
        holdHurriedRequests();
        Workflow<String, String> ask = Workflow.step("ask", (question, context) ->
                context.call(ChatRequest.of(ChatMessage.user(question))).text());

        for (int run = 1; run <= 3; run++) {
            RunResult<String> result = rig.engine().run(ask, HURRY + ": why?",
                    RunOptions.defaults().withBudget(Budget.unlimited().withTimeLimit(Duration.ofMinutes(1))));
            assertThat(result.output()).as("run %d", run).isEmpty();
        }

        assertThat(rig.breaker("slow")).isEqualTo("CLOSED");
        assertThat(rig.engine().run(ask, "why?").output()).hasValueSatisfying(answer ->
                assertThat(answer).isEqualTo("Answer from slow."));
    }

    @Test
    void callsCutShortByTheCallDeadlineSkipTheRestOfTheChainAndLeaveTheBreakerClosed() {
        ResilienceConfig withDeadline = ChainRig.resilience(0, 3);
        withDeadline = new ResilienceConfig(withDeadline.attemptTimeout(), 0, withDeadline.backoff(),
                withDeadline.maxRetryWait(), withDeadline.circuitBreaker(), Optional.of(Duration.ofMinutes(1)));
        rig = ChainRig.start(withDeadline, "slow", "other");
        holdHurriedRequests();
        ModelPort chain = rig.chain();

        for (int call = 1; call <= 3; call++) {
            assertThatThrownBy(() -> chain.chat(HURRIED)).isInstanceOfSatisfying(AllModelsFailedError.class, error -> {
                assertThat(error.attempts()).extracting(Attempt::model, Attempt::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ChainRig.model("slow"), Attempt.Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple(ChainRig.model("other"), Attempt.Outcome.SKIPPED));
                assertThat(error.attempts().get(0).kind()).contains(ErrorKind.TIMEOUT);
                assertThat(error.attempts().get(1).skipReason()).contains(SkipReason.DEADLINE_REACHED);
            });
        }

        assertThat(rig.breaker("slow")).isEqualTo("CLOSED");
        rig.clock.advance(Duration.between(rig.clock.instant(), Instant.now()));
        assertThat(chain.chat(REQUEST).model()).as("a call with a minute to go").isEqualTo(ChainRig.model("slow"));
        assertThat(rig.provider.requestsFor("other")).isZero();
    }

    @Test
    void cancellingAHalfOpenTrialReleasesItsPermitWithoutReopeningTheBreaker() throws Exception {
        rig = ChainRig.start(ChainRig.resilience(0, 1), "flaky", "healthy");
        rig.provider.script("flaky", FakeProvider.error(500, "{\"error\":\"upstream error\"}"), FakeProvider.stalled());
        ModelPort chain = rig.chain();
        chain.chat(REQUEST);
        assertThat(rig.breaker("flaky")).isEqualTo("OPEN");
        rig.clock.advance(Duration.ofSeconds(30));

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread trial = Thread.ofVirtual().start(() -> {
            try {
                chain.chat(REQUEST);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        awaitRequests("flaky", 2);
        trial.interrupt();
        trial.join(JOIN);

        assertThat(trial.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(rig.breaker("flaky")).isEqualTo("HALF_OPEN");
        assertThat(chain.chat(REQUEST).model()).as("the next caller is the trial").isEqualTo(ChainRig.model("flaky"));
        assertThat(rig.breaker("flaky")).isEqualTo("CLOSED");
        assertThat(rig.provider.requestsFor("healthy")).isEqualTo(1);
    }

    @Test
    void anInterruptedCallInAClosedBreakerIsNotAFailure() throws Exception {
        rig = ChainRig.start(ChainRig.resilience(0, 1), "busy", "healthy");
        rig.provider.script("busy", FakeProvider.stalled());
        ModelPort chain = rig.chain();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                chain.chat(REQUEST, CallContext.none());
            } catch (CancellationException expected) {
                // what an interrupted call ends with
            }
        });
        awaitRequests("busy", 1);
        caller.interrupt();
        caller.join(JOIN);

        assertThat(caller.isAlive()).isFalse();
        assertThat(rig.breaker("busy")).isEqualTo("CLOSED");
        assertThat(chain.chat(REQUEST).model()).isEqualTo(ChainRig.model("busy"));
    }

    @Test
    void anInterruptWhileTheChainWaitsToRetryEndsTheCallAsCancelledWithNoFurtherRequest() throws Exception {
        ResilienceConfig patient = ChainRig.resilience(2, 3);
        patient = new ResilienceConfig(patient.attemptTimeout(), 2, patient.backoff(), Duration.ofHours(2),
                patient.circuitBreaker(), Optional.empty());
        rig = ChainRig.start(patient, "limited", "healthy");
        rig.provider.script("limited", FakeProvider.error(429, "{\"error\":\"slow down\"}").newBuilder()
                .addHeader("Retry-After", "3600").build());
        ModelPort chain = rig.chain();
        CountDownLatch retryScheduled = new CountDownLatch(1);
        AttemptListener listener = new AttemptListener() {
            @Override
            public void retryScheduled(ModelRef model, int retry, Duration wait) {
                retryScheduled.countDown();
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                chain.chat(REQUEST, new CallContext(StreamListener.NONE, listener, Optional.empty()));
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        assertThat(retryScheduled.await(JOIN.toSeconds(), TimeUnit.SECONDS)).as("a retry was scheduled").isTrue();
        awaitState(caller, Thread.State.TIMED_WAITING);
        caller.interrupt();
        caller.join(JOIN);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class)
                .hasMessageContaining("waiting to retry " + ChainRig.model("limited"));
        assertThat(stillInterrupted.get()).as("the interrupt flag was kept").isTrue();
        assertThat(rig.provider.requestsFor("limited")).isEqualTo(1);
        assertThat(rig.provider.requestsFor("healthy")).as("no fallback after a cancellation").isZero();
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        Instant giveUp = Instant.now().plus(JOIN);
        while (thread.getState() != state) {
            assertThat(Instant.now()).as("the caller reached %s in time", state).isBefore(giveUp);
            Thread.sleep(5);
        }
    }

    private void awaitRequests(String model, long count) throws InterruptedException {
        Instant giveUp = Instant.now().plus(JOIN);
        while (rig.provider.requestsFor(model) < count) {
            assertThat(Instant.now()).as("%s requests for %s arrived in time", count, model).isBefore(giveUp);
            Thread.sleep(5);
        }
    }
}
