package dev.detour.app.resilience;

import static dev.detour.core.testing.ScriptedModelPort.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.ResilienceConfig.BackoffConfig;
import dev.detour.app.config.ResilienceConfig.CircuitBreakerConfig;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.CitationRule;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.InvalidRequestException;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.StreamListener;
import dev.detour.core.testing.ScriptedModelPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilientChainTest {

    private static final ChatRequest REQUEST = ChatRequest.of(ChatMessage.user("why?"));

    private final ScriptedModelPort primary = ScriptedModelPort.answering("hf", "Qwen/Qwen2.5-72B-Instruct");
    private final ScriptedModelPort secondary = ScriptedModelPort.answering("hf", "Qwen/Qwen2.5-7B-Instruct");
    private final ScriptedModelPort tertiary = ScriptedModelPort.answering("openai", "gpt-4o-mini");
    private ResilienceConfig config = new ResilienceConfig(Duration.ofSeconds(5), 2,
            new BackoffConfig(Duration.ofMillis(1), Duration.ofMillis(4), 0.25), Duration.ofSeconds(2),
            new CircuitBreakerConfig(3, Duration.ofMinutes(5)), Optional.empty());
    private CircuitBreakers breakers = new CircuitBreakers(config.circuitBreaker());

    private ResilientChain chain(ScriptedModelPort... ports) {
        List<ChainLink> links = new ArrayList<>();
        for (ScriptedModelPort port : ports) {
            links.add(new ChainLink(port.model(), new CheckedPort(port)));
        }
        return new ResilientChain(links, config, breakers, Clock.systemUTC());
    }

    private static ModelCallException error(ScriptedModelPort port, ErrorKind kind, Integer status) {
        return ModelCallException.builder(kind, port.model()).httpStatus(status).inferenceProvider("novita")
                .detail("provider words").build();
    }

    private static final class RecordingListener implements AttemptListener {
        final List<String> notes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void attemptStarted(ModelRef model, int retry) {
            notes.add("start " + model.model() + " #" + retry);
        }

        @Override
        public void attemptFinished(Attempt attempt) {
            notes.add(attempt.outcome() + " " + attempt.model().model()
                    + attempt.httpStatus().stream().mapToObj(status -> " " + status).findFirst().orElse(""));
        }

        @Override
        public void fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {
            notes.add("fallback " + from.model() + " -> " + to.model() + " (" + lastAttemptOfFrom.shortReason() + ")");
        }
    }

    @Test
    void retriesAProviderFailureThenFallsBackAndSaysWhoServed() {
        primary.byDefault(failing(error(primary, ErrorKind.PROVIDER_UNAVAILABLE, 500)));
        RecordingListener listener = new RecordingListener();

        ChatResponse response = chain(primary, secondary).chat(REQUEST, CallContext.none().withAttemptListener(listener));

        assertThat(response.model()).isEqualTo(secondary.model());
        assertThat(primary.calls()).isEqualTo(3);
        assertThat(response.attempts()).extracting(Attempt::outcome).containsExactly(
                Attempt.Outcome.FAILED, Attempt.Outcome.FAILED, Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        assertThat(response.attempts()).extracting(Attempt::retry).containsExactly(0, 1, 2, 0);
        assertThat(response.fellBack()).isTrue();
        assertThat(listener.notes).containsExactly(
                "start Qwen/Qwen2.5-72B-Instruct #0", "FAILED Qwen/Qwen2.5-72B-Instruct 500",
                "start Qwen/Qwen2.5-72B-Instruct #1", "FAILED Qwen/Qwen2.5-72B-Instruct 500",
                "start Qwen/Qwen2.5-72B-Instruct #2", "FAILED Qwen/Qwen2.5-72B-Instruct 500",
                "fallback Qwen/Qwen2.5-72B-Instruct -> Qwen/Qwen2.5-7B-Instruct (HTTP 500 from novita)",
                "start Qwen/Qwen2.5-7B-Instruct #0", "SUCCEEDED Qwen/Qwen2.5-7B-Instruct");
    }

    @Test
    void anAnswerBreakingItsRequestsRuleIsMalformedRetriedOnceThenFallenBackFrom() {
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        ModelPort citesTooMuch = (request, context) -> {
            asked.add("big");
            return ChatResponse.of(primary.model(), "Tides follow the Moon [9].", FinishReason.of("stop"), TokenUsage.of(5, 5))
                    .withInferenceProvider("novita");
        };
        ModelPort citesWell = (request, context) -> {
            asked.add("small");
            return ChatResponse.of(secondary.model(), "Tides follow the Moon [2].", FinishReason.of("stop"), TokenUsage.of(5, 5));
        };
        ResilientChain chain = new ResilientChain(List.of(new ChainLink(primary.model(), new CheckedPort(citesTooMuch)),
                new ChainLink(secondary.model(), new CheckedPort(citesWell))), config, breakers, Clock.systemUTC());

        ChatResponse response = chain.chat(REQUEST.withRule(new CitationRule(3)));

        assertThat(response.text()).isEqualTo("Tides follow the Moon [2].");
        assertThat(asked).containsExactly("big", "big", "small");
        assertThat(response.attempts()).extracting(Attempt::outcome, attempt -> attempt.kind().orElse(null)).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Attempt.Outcome.FAILED, ErrorKind.MALFORMED_RESPONSE),
                org.assertj.core.groups.Tuple.tuple(Attempt.Outcome.FAILED, ErrorKind.MALFORMED_RESPONSE),
                org.assertj.core.groups.Tuple.tuple(Attempt.Outcome.SUCCEEDED, null));
        assertThat(response.attempts().get(0).describe())
                .contains("via novita").endsWith(": the answer cites [9], but only [1] to [3] were given");
        assertThat(chain.chat(REQUEST).text()).as("a request without the rule takes the answer as it is")
                .isEqualTo("Tides follow the Moon [9].");
    }

    @Test
    void neverRetriesQuotaOrAuthenticationFailuresButFallsBack() {
        primary.thenReply(failing(error(primary, ErrorKind.QUOTA_EXCEEDED, 402)));
        secondary.thenReply(failing(error(secondary, ErrorKind.AUTHENTICATION_FAILED, 401)));

        ChatResponse response = chain(primary, secondary, tertiary).chat(REQUEST);

        assertThat(response.model()).isEqualTo(tertiary.model());
        assertThat(primary.calls()).isEqualTo(1);
        assertThat(secondary.calls()).isEqualTo(1);
    }

    @Test
    void failsFastOnAnInvalidRequestWithoutTryingTheNextModel() {
        primary.thenReply(failing(error(primary, ErrorKind.INVALID_REQUEST, 400)));

        assertThatThrownBy(() -> chain(primary, secondary).chat(REQUEST)).isInstanceOf(InvalidRequestException.class);
        assertThat(primary.calls()).isEqualTo(1);
        assertThat(secondary.calls()).isZero();
    }

    @Test
    void honoursTheProvidersWaitWhenItIsWithinTheCap() {
        primary.thenReply(failing(ModelCallException.builder(ErrorKind.RATE_LIMITED, primary.model()).httpStatus(429)
                .retryAfter(Duration.ofMillis(300)).build()));

        long start = System.nanoTime();
        ChatResponse response = chain(primary, secondary).chat(REQUEST);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.model()).isEqualTo(primary.model());
        assertThat(primary.calls()).isEqualTo(2);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void fallsBackAtOnceWhenTheProviderAsksToWaitLongerThanTheCap() {
        primary.thenReply(failing(ModelCallException.builder(ErrorKind.RATE_LIMITED, primary.model()).httpStatus(429)
                .retryAfter(Duration.ofSeconds(40)).build()));

        ChatResponse response = chain(primary, secondary).chat(REQUEST);

        assertThat(response.model()).isEqualTo(secondary.model());
        assertThat(primary.calls()).isEqualTo(1);
    }

    @Test
    void fallsBackAtOnceWhenAnyFailureAsksToWaitLongerThanTheCap() {
        primary.thenReply(failing(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, primary.model())
                .httpStatus(503).retryAfter(Duration.ofMinutes(10)).build()));

        ChatResponse response = chain(primary, secondary).chat(REQUEST);

        assertThat(response.model()).isEqualTo(secondary.model());
        assertThat(primary.calls()).isEqualTo(1);
    }

    @Test
    void retriesAMalformedAnswerOnlyOnce() {
        primary.byDefault(failing(error(primary, ErrorKind.MALFORMED_RESPONSE, null)));

        ChatResponse response = chain(primary, secondary).chat(REQUEST);

        assertThat(primary.calls()).isEqualTo(2);
        assertThat(response.model()).isEqualTo(secondary.model());
        assertThat(response.attempts()).extracting(Attempt::retry).containsExactly(0, 1, 0);
    }

    @Test
    void letsTheProvidersRetryInstructionOverrideTheKind() {
        primary.byDefault(failing(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, primary.model())
                .httpStatus(503).shouldRetry(false).build()));

        chain(primary, secondary).chat(REQUEST);

        assertThat(primary.calls()).isEqualTo(1);
    }

    @Test
    void aStructuredAnswerThatDoesNotDecodeIsMalformedAndRetriedOnceBeforeFallingBack() {
        record Plan(List<String> subQuestions) {}
        ChatRequest structured = REQUEST.withResponseFormat(ResponseFormat.of(Plan.class));
        primary.byDefault(request -> "Sure! Here are some ideas: tides, moon", 10);
        secondary.byDefault(request -> "```json\n{\"subQuestions\": [\"a\", \"b\"]}\n```", 10);

        ChatResponse response = chain(primary, secondary).chat(structured);

        assertThat(primary.calls()).isEqualTo(2);
        assertThat(response.structured(Plan.class).subQuestions()).containsExactly("a", "b");
        assertThat(response.attempts().get(0).kind()).contains(ErrorKind.MALFORMED_RESPONSE);
        assertThat(response.attempts().get(0).message()).startsWith("the answer does not decode into Plan:");
    }

    record Counted(String answer) {
        static final AtomicInteger DECODED = new AtomicInteger();

        Counted {
            DECODED.incrementAndGet();
        }
    }

    @Test
    void aStructuredAnswerAlreadyCheckedInsideItsAttemptIsNotDecodedAgain() {
        primary.byDefault(request -> "{\"answer\": \"tides\"}", 10);
        ResilientChain chain = new ResilientChain(List.of(new ChainLink(primary.model(), new CheckedPort(primary))),
                config, breakers, Clock.systemUTC());
        Counted.DECODED.set(0);

        ChatResponse response = chain.chat(REQUEST.withResponseFormat(ResponseFormat.of(Counted.class)));

        assertThat(response.structured(Counted.class).answer()).isEqualTo("tides");
        assertThat(Counted.DECODED).hasValue(1);
    }

    @Test
    void aStructuredAnswerMissingAComponentIsMalformed() {
        record Verdict(boolean sufficient, List<String> gaps) {}
        primary.byDefault(request -> "{\"gaps\": []}", 10);

        assertThatThrownBy(() -> chain(primary).chat(REQUEST.withResponseFormat(ResponseFormat.of(Verdict.class))))
                .isInstanceOfSatisfying(AllModelsFailedError.class, error ->
                        assertThat(error.kinds()).containsExactly(ErrorKind.MALFORMED_RESPONSE));
    }

    @Test
    void opensTheBreakerAfterTheThresholdAndThenSkipsTheModelWithoutCallingIt() {
        config = new ResilienceConfig(config.attemptTimeout(), 0, config.backoff(), config.maxRetryWait(),
                new CircuitBreakerConfig(2, Duration.ofMinutes(5)), Optional.empty());
        breakers = new CircuitBreakers(config.circuitBreaker());
        primary.byDefault(failing(error(primary, ErrorKind.PROVIDER_UNAVAILABLE, 500)));
        ResilientChain chain = chain(primary, secondary);

        chain.chat(REQUEST);
        chain.chat(REQUEST);
        ChatResponse third = chain.chat(REQUEST);
        chain.chat(REQUEST);

        assertThat(primary.calls()).isEqualTo(2);
        assertThat(breakers.state(primary.model())).isEqualTo("OPEN");
        assertThat(third.attempts().get(0).outcome()).isEqualTo(Attempt.Outcome.SKIPPED);
        assertThat(third.attempts().get(0).skipReason()).contains(SkipReason.CIRCUIT_OPEN);
        assertThat(third.model()).isEqualTo(secondary.model());
    }

    @Test
    void letsOneTrialRequestThroughOnceTheBreakerHasBeenOpenLongEnough() throws Exception {
        config = new ResilienceConfig(config.attemptTimeout(), 0, config.backoff(), config.maxRetryWait(),
                new CircuitBreakerConfig(1, Duration.ofMillis(150)), Optional.empty());
        breakers = new CircuitBreakers(config.circuitBreaker());
        primary.thenReply(failing(error(primary, ErrorKind.PROVIDER_UNAVAILABLE, 500)));
        ResilientChain chain = chain(primary, secondary);

        chain.chat(REQUEST);
        assertThat(chain.chat(REQUEST).model()).isEqualTo(secondary.model());
        Thread.sleep(250);
        ChatResponse afterRecovery = chain.chat(REQUEST);

        assertThat(afterRecovery.model()).isEqualTo(primary.model());
        assertThat(primary.calls()).isEqualTo(2);
        assertThat(breakers.state(primary.model())).isEqualTo("CLOSED");
    }

    @Test
    void neverCountsAnInvalidRequestAgainstTheBreaker() {
        config = new ResilienceConfig(config.attemptTimeout(), 0, config.backoff(), config.maxRetryWait(),
                new CircuitBreakerConfig(1, Duration.ofMinutes(5)), Optional.empty());
        breakers = new CircuitBreakers(config.circuitBreaker());
        primary.thenReply(failing(error(primary, ErrorKind.INVALID_REQUEST, 422)));
        ResilientChain chain = chain(primary, secondary);

        assertThatThrownBy(() -> chain.chat(REQUEST)).isInstanceOf(InvalidRequestException.class);

        assertThat(breakers.state(primary.model())).isEqualTo("CLOSED");
        assertThat(chain.chat(REQUEST).model()).isEqualTo(primary.model());
    }

    @Test
    void raisesAllModelsFailedWithEveryAttemptAndSkipWhenNothingAnswers() {
        primary.byDefault(failing(error(primary, ErrorKind.PROVIDER_UNAVAILABLE, 500)));
        secondary.byDefault(failing(error(secondary, ErrorKind.QUOTA_EXCEEDED, 402)));
        tertiary.byDefault(failing(error(tertiary, ErrorKind.AUTHENTICATION_FAILED, 401)));

        assertThatThrownBy(() -> chain(primary, secondary, tertiary).chat(REQUEST))
                .isInstanceOfSatisfying(AllModelsFailedError.class, error -> {
                    assertThat(error.attempts()).hasSize(5);
                    assertThat(error.kinds()).containsExactly(ErrorKind.PROVIDER_UNAVAILABLE, ErrorKind.QUOTA_EXCEEDED,
                            ErrorKind.AUTHENTICATION_FAILED);
                    assertThat(error.getCause()).isInstanceOf(ModelCallException.class);
                    assertThat(error.getMessage()).contains("openai:gpt-4o-mini via novita, try 1: AuthenticationFailed, HTTP 401");
                });
    }

    @Test
    void skipsTheRemainingModelsOnceTheCallDeadlineHasPassed() {
        config = new ResilienceConfig(config.attemptTimeout(), 0, config.backoff(), config.maxRetryWait(),
                config.circuitBreaker(), Optional.of(Duration.ofMillis(100)));
        primary.byDefault((request, context) -> {
            Thread.sleep(150);
            throw error(primary, ErrorKind.TIMEOUT, null);
        });

        assertThatThrownBy(() -> chain(primary, secondary, tertiary).chat(REQUEST))
                .isInstanceOfSatisfying(AllModelsFailedError.class, error -> {
                    assertThat(error.attempts()).extracting(Attempt::outcome).containsExactly(
                            Attempt.Outcome.FAILED, Attempt.Outcome.SKIPPED, Attempt.Outcome.SKIPPED);
                    assertThat(error.attempts().get(1).skipReason()).contains(SkipReason.DEADLINE_REACHED);
                });
        assertThat(secondary.calls()).isZero();
    }

    @Test
    void recordsTheModelWhoseTurnItWasWhenTheDeadlinePassesJustBeforeItsFirstAttempt() {
        config = new ResilienceConfig(config.attemptTimeout(), 0, config.backoff(), config.maxRetryWait(),
                config.circuitBreaker(), Optional.of(Duration.ofMinutes(1)));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Clock jumpsAfterTwoReads = new Clock() {
            @Override
            public Instant instant() {
                return reads.incrementAndGet() <= 2 ? start : start.plus(Duration.ofHours(1));
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        ResilientChain chain = new ResilientChain(List.of(new ChainLink(primary.model(), new CheckedPort(primary)),
                new ChainLink(secondary.model(), new CheckedPort(secondary))), config, breakers, jumpsAfterTwoReads);

        assertThatThrownBy(() -> chain.chat(REQUEST)).isInstanceOfSatisfying(AllModelsFailedError.class, error ->
                assertThat(error.attempts()).extracting(Attempt::model, attempt -> attempt.skipReason().orElseThrow())
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(primary.model(), SkipReason.DEADLINE_REACHED),
                                org.assertj.core.groups.Tuple.tuple(secondary.model(), SkipReason.DEADLINE_REACHED)));
        assertThat(primary.calls()).isZero();
    }

    @Test
    void recordsAnAttemptCutShortByCancellation() {
        primary.byDefault(failing(new CancellationException("interrupted")));
        RecordingListener listener = new RecordingListener();

        assertThatThrownBy(() -> chain(primary, secondary).chat(REQUEST, CallContext.none().withAttemptListener(listener)))
                .isInstanceOf(CancellationException.class);

        assertThat(listener.notes).containsExactly("start Qwen/Qwen2.5-72B-Instruct #0", "CANCELLED Qwen/Qwen2.5-72B-Instruct");
    }

    @Test
    void givesEachAttemptADeadlineNoLaterThanTheAttemptTimeout() {
        List<Instant> deadlines = new ArrayList<>();
        primary.byDefault((request, context) -> {
            deadlines.add(context.deadline().orElseThrow());
            return primary.text("ok", 1);
        });
        Instant before = Instant.now();

        chain(primary).chat(REQUEST);

        assertThat(deadlines).singleElement().satisfies(deadline -> assertThat(deadline)
                .isBetween(before.plus(Duration.ofSeconds(5)), Instant.now().plus(Duration.ofSeconds(5))));
    }

    @Test
    void announcesAStreamResetBeforeAnotherModelStartsTheAnswerAgain() {
        primary.thenReply((request, context) -> {
            context.streamListener().onText("Half an ans");
            throw error(primary, ErrorKind.MALFORMED_RESPONSE, null);
        }, (request, context) -> {
            context.streamListener().onText("Half again");
            throw error(primary, ErrorKind.MALFORMED_RESPONSE, null);
        });
        secondary.thenReply((request, context) -> {
            context.streamListener().onText("Whole answer.");
            return secondary.text("Whole answer.", 3);
        });
        List<String> shown = new ArrayList<>();
        StreamListener display = new StreamListener() {
            @Override
            public void onText(String delta) {
                shown.add(delta);
            }

            @Override
            public void onReset(ModelRef failedModel, ModelRef nextModel) {
                shown.add("<reset " + failedModel.model() + " -> " + nextModel.model() + ">");
            }
        };

        chain(primary, secondary).chat(REQUEST.withStream(true), CallContext.none().withStreamListener(display));

        assertThat(shown).containsExactly("Half an ans",
                "<reset Qwen/Qwen2.5-72B-Instruct -> Qwen/Qwen2.5-72B-Instruct>", "Half again",
                "<reset Qwen/Qwen2.5-72B-Instruct -> Qwen/Qwen2.5-7B-Instruct>", "Whole answer.");
    }

    @Test
    void stopsAtOnceWhenTheCallIsCancelled() {
        primary.byDefault(failing(new CancellationException("interrupted")));

        assertThatThrownBy(() -> chain(primary, secondary).chat(REQUEST)).isInstanceOf(CancellationException.class);
        assertThat(secondary.calls()).isZero();
    }

    @Test
    void stopsWaitingToRetryWhenTheCallingThreadIsInterrupted() throws Exception {
        primary.byDefault(failing(ModelCallException.builder(ErrorKind.RATE_LIMITED, primary.model()).httpStatus(429)
                .retryAfter(Duration.ofSeconds(2)).build()));
        ResilientChain chain = chain(primary, secondary);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean interruptKept = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                chain.chat(REQUEST);
            } catch (Throwable e) {
                thrown.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        });
        while (primary.calls() == 0) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        caller.interrupt();
        caller.join(Duration.ofSeconds(1));

        assertThat(caller.isAlive()).as("the caller stopped well before the 2 s wait was over").isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(interruptKept).isTrue();
        assertThat(secondary.calls()).isZero();
    }

    @Test
    void treatsAnAdapterBugAsAFailureOfThatModelAndFallsBack() {
        primary.byDefault(failing(new NullPointerException("oops")));

        ChatResponse response = chain(primary, secondary).chat(REQUEST);

        assertThat(response.model()).isEqualTo(secondary.model());
        assertThat(primary.calls()).isEqualTo(1);
        assertThat(response.attempts().get(0).message()).contains("this is a Detour bug");
    }
}
