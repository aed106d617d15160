package dev.detour.adapters.anthropic;

import static dev.detour.adapters.anthropic.AnthropicConformanceTest.STREAM_BASIC;
import static dev.detour.adapters.anthropic.AnthropicConformanceTest.STREAM_TOOL_USE;
import static dev.detour.adapters.anthropic.AnthropicConformanceTest.TOOL_USE_MESSAGE;
import static dev.detour.adapters.anthropic.AnthropicConformanceTest.anthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.conformance.Fixtures;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.RateLimitedException;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the adapter reads what Anthropic answers beyond the conformance kit: structured output, refusals, waits. */
class AnthropicResponseTest {

    private static final Secret KEY = Secret.of("sk-ant-FakeReplyKey");
    private static final ChatRequest QUESTION = ChatRequest.of(ChatMessage.user("Weather in Paris?"));
    private static final ChatRequest STRUCTURED = QUESTION.withResponseFormat(ResponseFormat.of(Loopback.Weather.class));
    private static final Instant NOW = Instant.parse("2026-02-25T20:02:00Z");

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void answersStructuredOutputWithTheForcedToolsInputNotItsPreamble() {
        loopback.enqueue(200, "application/json", TOOL_USE_MESSAGE);

        ChatResponse response = loopback.port(KEY).chat(STRUCTURED);

        assertThat(response.text()).isEqualTo("{\"location\":\"San Francisco, CA\",\"units\":\"f\"}");
        assertThat(response.finishReason()).isEqualTo(FinishReason.of("tool_use"));
    }

    @Test
    void streamsTheForcedToolsInputForStructuredOutput() {
        loopback.enqueue(200, "text/event-stream", STREAM_TOOL_USE);
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatResponse response = loopback.port(KEY).chat(STRUCTURED.withStream(true),
                CallContext.none().withStreamListener(deltas::add));

        assertThat(deltas).containsExactly("{\"locati", "on\": \"P", "ar", "is\"}");
        assertThat(response.text()).isEqualTo("{\"location\": \"Paris\"}");
    }

    @Test
    void answersStructuredOutputFromTextWhenAServerIgnoredTheTool() {
        loopback.enqueue(200, "application/json", AnthropicConformanceTest.TEXT_MESSAGE);

        ChatResponse response = loopback.port(KEY).chat(STRUCTURED);

        assertThat(response.text()).startsWith("{\"product_name\"");
    }

    @Test
    void reportsAStreamedRefusalAsContentFiltered() {
        loopback.enqueue(200, "text/event-stream", Fixtures.text("fixtures/anthropic-stream-refusal.sse"));

        ModelCallException thrown = failure(() -> loopback.port(KEY).chat(QUESTION.withStream(true)));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
        assertThat(thrown.detail()).contains("refused");
    }

    @Test
    void reportsARefusalInAPlainAnswerAsContentFilteredEvenWithText() {
        // Constructed in the documented shape: stop_reason "refusal" after some text.
        loopback.enqueue(200, "application/json", "{\"type\":\"message\",\"model\":\"claude-sonnet-4-5\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"I can't\"}],\"stop_reason\":\"refusal\",\"usage\":{\"input_tokens\":9,"
                + "\"output_tokens\":2}}", "request-id", "req_refused");

        ModelCallException thrown = failure(() -> loopback.port(KEY).chat(QUESTION));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
        assertThat(thrown.requestId()).contains("req_refused");
        assertThat(thrown.httpStatus()).hasValue(200);
    }

    @Test
    void reportsAStreamThatStopsAfterItsStopReasonButBeforeMessageStopAsMalformed() {
        loopback.enqueue(200, "text/event-stream", STREAM_BASIC.substring(0, STREAM_BASIC.indexOf("event: message_stop")));

        ModelCallException thrown = failure(() -> loopback.port(KEY).chat(QUESTION.withStream(true)));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.detail()).contains("before message_stop", "end_turn", "12 characters received are dropped");
    }

    @Test
    void reportsA200BodyThatIsNoMessageAsMalformed() {
        loopback.enqueue(200, "application/json", "{\"id\":\"msg_1\",\"type\":\"message\"}");

        assertThat(failure(() -> loopback.port(KEY).chat(QUESTION)).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    @Test
    void waitsUntilTheLatestResetOfALimitThatIsUsedUpWhenThereIsNoRetryAfter() {
        loopback.enqueue(429, "application/json", anthropicError("rate_limit_error", "Rate limited"),
                "anthropic-ratelimit-requests-remaining", "49", "anthropic-ratelimit-requests-reset", "2026-02-25T20:03:30Z",
                "anthropic-ratelimit-input-tokens-remaining", "0", "anthropic-ratelimit-input-tokens-reset", "2026-02-25T20:02:30Z",
                "anthropic-ratelimit-tokens-remaining", "0", "anthropic-ratelimit-tokens-reset", "2026-02-25T20:02:45Z",
                "anthropic-ratelimit-output-tokens-reset", "not a time");

        RateLimitedException thrown = catchThrowableOfType(RateLimitedException.class,
                () -> loopback.port("/", Optional.of(KEY), Clock.fixed(NOW, ZoneOffset.UTC)).chat(QUESTION));

        assertThat(thrown.retryAfter()).hasValue(Duration.ofSeconds(45));
    }

    @Test
    void readsAResetAlreadyPassedAsNoWait() {
        loopback.enqueue(429, "application/json", anthropicError("rate_limit_error", "Rate limited"),
                "anthropic-ratelimit-tokens-reset", "2026-02-25T20:01:00Z");

        RateLimitedException thrown = catchThrowableOfType(RateLimitedException.class,
                () -> loopback.port("/", Optional.of(KEY), Clock.fixed(NOW, ZoneOffset.UTC)).chat(QUESTION));

        assertThat(thrown.retryAfter()).hasValue(Duration.ZERO);
    }

    @Test
    void readsAProxysBareErrorObjectByItsType() {
        // Quoted: the bare error object a client showed for a 401 (continuedev/continue#9704).
        loopback.enqueue(401, "application/json", "{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}");

        ModelCallException thrown = failure(() -> loopback.port(KEY).chat(QUESTION));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(thrown.providerCode()).contains("authentication_error");
        assertThat(thrown.detail()).contains("invalid x-api-key");
    }

    @Test
    void keepsTheExactKeyOutOfTheFailureWhateverItsShape() {
        Secret oddKey = Secret.of("gateway-pass-Zq81");
        loopback.enqueue(401, "application/json", anthropicError("authentication_error", "key gateway-pass-Zq81 unknown"));

        ModelCallException thrown = failure(() -> loopback.port("/", Optional.of(oddKey), Clock.systemUTC()).chat(QUESTION));

        assertThat(thrown.getMessage()).doesNotContain(oddKey.reveal()).contains("[redacted]");
    }

    @Test
    void saysWhichVariableToSetWhenNoKeyWasSent() {
        loopback.enqueue(401, "application/json", Fixtures.text("fixtures/anthropic-error-401-invalid-x-api-key.json"));

        ModelCallException thrown = failure(() -> loopback.port("/", Optional.empty(), Clock.systemUTC()).chat(QUESTION));

        assertThat(thrown.detail()).contains("no API key was sent: set the environment variable ANTHROPIC_API_KEY");
    }

    private static ModelCallException failure(Runnable call) {
        return catchThrowableOfType(ModelCallException.class, call::run);
    }
}
