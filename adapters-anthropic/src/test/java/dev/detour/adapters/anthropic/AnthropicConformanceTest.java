package dev.detour.adapters.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.conformance.AnswerCase;
import dev.detour.core.conformance.CannedResponse;
import dev.detour.core.conformance.ExpectedAnswer;
import dev.detour.core.conformance.ExpectedFailure;
import dev.detour.core.conformance.FailureCase;
import dev.detour.core.conformance.Fixtures;
import dev.detour.core.conformance.ModelPortConformanceTest;
import dev.detour.core.conformance.PortSetup;
import dev.detour.core.conformance.StreamCase;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.ModelProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The Anthropic adapter against the shared conformance kit, with Anthropic's captured payloads. */
class AnthropicConformanceTest extends ModelPortConformanceTest {

    static final String MODEL = "claude-sonnet-4-5";
    static final ObjectMapper JSON = new ObjectMapper();

    static final String TEXT_MESSAGE = Fixtures.text("fixtures/anthropic-message-text.json");
    static final String TOOL_USE_MESSAGE = Fixtures.text("fixtures/anthropic-message-tool-use.json");
    static final String STREAM_BASIC = Fixtures.text("fixtures/anthropic-stream-basic.sse");
    static final String STREAM_TOOL_USE = Fixtures.text("fixtures/anthropic-stream-tool-use.sse");

    private final List<ModelProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(ModelProvider::close);
        providers.clear();
    }

    @Override
    protected ModelPort createPort(PortSetup setup) {
        ModelProvider provider = new AnthropicProviderType().open(new AdapterSettings(setup.model().provider(),
                setup.baseUrl(), false, Map.of(
                        "connect-timeout", setup.connectTimeout().toMillis() + "ms",
                        "read-timeout", setup.readTimeout().toMillis() + "ms",
                        "call-timeout", setup.callTimeout().toMillis() + "ms",
                        "max-response-bytes", String.valueOf(setup.maxResponseBytes()))),
                AdapterKey.of("ANTHROPIC_API_KEY", setup.apiKey()));
        providers.add(provider);
        return provider.model(setup.model().model());
    }

    @Override
    protected String basePath() {
        return "/";
    }

    @Override
    protected String requestPath() {
        return "/v1/messages";
    }

    @Override
    protected String modelId() {
        return MODEL;
    }

    @Override
    protected String keyHeader() {
        return "x-api-key";
    }

    @Override
    protected String keyHeaderValue(Secret key) {
        return key.reveal();
    }

    @Override
    protected void verifyRequestBody(String json, ChatRequest sent) throws Exception {
        ObjectNode expected = JSON.createObjectNode().put("model", MODEL).put("max_tokens", 4096)
                .put("system", sent.messages().getFirst().content());
        expected.putArray("messages").addObject().put("role", "user").put("content", USER_TEXT);
        if (sent.stream()) {
            expected.put("stream", true);
        }
        assertThat(JSON.readTree(json)).as("request JSON").isEqualTo(expected);
    }

    // ---------------------------------------------------------------- answers

    @Override
    protected List<AnswerCase> plainAnswers() {
        return List.of(
                new AnswerCase("recorded text message, request id from the request-id header",
                        CannedResponse.json(200, TEXT_MESSAGE).withHeader("request-id", "req_011CText"),
                        ExpectedAnswer.of("{\"product_name\": \"Green Tea\", \"price\": 5.50, \"quantity\": 2}", "end_turn",
                                TokenUsage.of(249, 26)).servedModel("claude-sonnet-4-5-20250929").requestId("req_011CText")),
                new AnswerCase("recorded message with a text and a tool_use block: only the text is the answer",
                        CannedResponse.json(200, TOOL_USE_MESSAGE),
                        ExpectedAnswer.of("I'll help you check the weather for each city one by one. I'll use Fahrenheit"
                                        + " units by default. Let me check them sequentially.\n\nFirst, let's check San Francisco:",
                                "tool_use", TokenUsage.of(518, 114)).servedModel("claude-3-5-sonnet-20241022")),
                // Constructed in the documented shape: a thinking block (skipped), two text blocks (joined), cache
                // reads and writes (counted as input), cut by max_tokens.
                new AnswerCase("thinking skipped, text blocks joined, cache tokens counted, stop_reason max_tokens",
                        CannedResponse.json(200, """
                                {"id":"msg_01X","type":"message","role":"assistant","model":"claude-opus-4-1-20250805",\
                                "content":[{"type":"thinking","thinking":"Two numbers.","signature":"sig"},\
                                {"type":"text","text":"One,"},{"type":"text","text":" two"}],"stop_reason":"max_tokens",\
                                "stop_sequence":null,"usage":{"input_tokens":10,"cache_creation_input_tokens":2,\
                                "cache_read_input_tokens":5,"output_tokens":3}}""").withHeader("x-request-id", "gw-7"),
                        ExpectedAnswer.of("One, two", "max_tokens", TokenUsage.of(17, 3))
                                .servedModel("claude-opus-4-1-20250805").requestId("gw-7")),
                // Constructed: a compatible server that sends no usage and no model.
                new AnswerCase("stop_sequence answer without usage or model",
                        CannedResponse.json(200, "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"One\"}],"
                                + "\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\", two\"}"),
                        ExpectedAnswer.of("One", "stop_sequence", TokenUsage.NONE)));
    }

    @Override
    protected List<StreamCase> streamedAnswers() {
        String withoutEventNames = STREAM_BASIC.replaceAll("event: [a-z_]+\n", "");
        return List.of(
                new StreamCase("SDK stream with a ping, usage from message_start and message_delta",
                        CannedResponse.sse(STREAM_BASIC).withHeader("request-id", "req_011CStream"),
                        List.of("Hello", " there", "!"),
                        ExpectedAnswer.of("Hello there!", "end_turn", TokenUsage.of(11, 6))
                                .servedModel("claude-3-opus-latest").requestId("req_011CStream")),
                new StreamCase("recorded stream with text then a tool_use block: only the text is streamed and answered",
                        CannedResponse.sse(STREAM_TOOL_USE),
                        List.of("I", "'ll check the current weather in Paris for you."),
                        ExpectedAnswer.of("I'll check the current weather in Paris for you.", "tool_use",
                                TokenUsage.of(377, 65)).servedModel("claude-sonnet-4-20250514")),
                new StreamCase("events without event: lines, comments and CRLF line ends (a proxy's rewrite)",
                        CannedResponse.sse((": proxied\n\n" + withoutEventNames).replace("\n", "\r\n")),
                        List.of("Hello", " there", "!"),
                        ExpectedAnswer.of("Hello there!", "end_turn", TokenUsage.of(11, 6)).servedModel("claude-3-opus-latest")));
    }

    @Override
    protected CannedResponse truncatedStream() {
        return CannedResponse.sse(STREAM_BASIC.substring(0, STREAM_BASIC.indexOf("event: content_block_stop")));
    }

    // ---------------------------------------------------------------- the error table of issue 16

    @Override
    protected List<FailureCase> failureCases() {
        String overloaded = Fixtures.text("fixtures/anthropic-error-529-overloaded.json");
        String rateLimited = Fixtures.text("fixtures/anthropic-error-429-rate-limit.json");
        return List.of(
                FailureCase.of("529 overloaded_error is ProviderUnavailable",
                        json(529, overloaded).withHeader("request-id", "req_529"),
                        failure(ErrorKind.PROVIDER_UNAVAILABLE, 529, "overloaded_error").requestId("req_529")
                                .detailContains("Overloaded")),
                FailureCase.of("529 with x-should-retry false is not retried",
                        json(529, overloaded).withHeader("x-should-retry", "false"),
                        failure(ErrorKind.PROVIDER_UNAVAILABLE, 529, "overloaded_error").shouldRetry(false)),
                FailureCase.of("500 api_error with the request id only in the body",
                        json(500, Fixtures.text("fixtures/anthropic-error-500-api-error.json")),
                        failure(ErrorKind.PROVIDER_UNAVAILABLE, 500, "api_error").requestId("req_011CXmPYtyatkKmZfJxWDowU")),
                FailureCase.of("429 rate_limit_error waits retry-after",
                        json(429, rateLimited).withHeader("retry-after", "20")
                                .withHeader("anthropic-ratelimit-input-tokens-remaining", "0")
                                .withHeader("anthropic-ratelimit-input-tokens-reset", "2099-01-01T00:00:00Z"),
                        failure(ErrorKind.RATE_LIMITED, 429, "rate_limit_error").retryAfter(Duration.ofSeconds(20))
                                .detailContains("40,000 input tokens per minute")),
                FailureCase.of("429 rate_limit_error without wait headers reports no wait",
                        json(429, rateLimited),
                        failure(ErrorKind.RATE_LIMITED, 429, "rate_limit_error")),
                FailureCase.of("400 credit balance too low is QuotaExceeded, not InvalidRequest",
                        json(400, Fixtures.text("fixtures/anthropic-error-400-credit-balance.json")),
                        failure(ErrorKind.QUOTA_EXCEEDED, 400, "invalid_request_error")
                                .requestId("req_011CbrFTcXhtiMzr3s6EocF7").detailContains("credit balance is too low")),
                FailureCase.of("400 prompt is too long is ContextLengthExceeded",
                        json(400, Fixtures.text("fixtures/anthropic-error-400-prompt-too-long.json")),
                        failure(ErrorKind.CONTEXT_LENGTH_EXCEEDED, 400, "invalid_request_error")
                                .requestId("req_011CV5J4YZo4J3KLTDZgDN7S").detailContains("205351 tokens > 200000")),
                // Constructed in the documented shape (errors page: 413 request_too_large, 402 billing_error,
                // 403 permission_error, 504 timeout_error, 400 invalid_request_error).
                FailureCase.of("413 request_too_large is ContextLengthExceeded",
                        json(413, anthropicError("request_too_large", "Request exceeds the maximum allowed number of bytes.")),
                        failure(ErrorKind.CONTEXT_LENGTH_EXCEEDED, 413, "request_too_large")),
                FailureCase.of("413 from a proxy in front, in plain text, is ContextLengthExceeded",
                        CannedResponse.of(413, "text/plain", "Request Entity Too Large"),
                        ExpectedFailure.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED).status(413)),
                FailureCase.of("402 billing_error is QuotaExceeded",
                        json(402, anthropicError("billing_error", "There is an issue with your payment method.")),
                        failure(ErrorKind.QUOTA_EXCEEDED, 402, "billing_error")),
                FailureCase.of("401 invalid x-api-key names the key's variable",
                        json(401, Fixtures.text("fixtures/anthropic-error-401-invalid-x-api-key.json")),
                        failure(ErrorKind.AUTHENTICATION_FAILED, 401, "authentication_error")
                                .detailContains("the key from the environment variable ANTHROPIC_API_KEY was refused")),
                FailureCase.of("403 permission_error is AuthenticationFailed",
                        json(403, anthropicError("permission_error", "Your API key does not have permission to use the"
                                + " specified resource.")),
                        failure(ErrorKind.AUTHENTICATION_FAILED, 403, "permission_error")),
                FailureCase.of("404 not_found_error for the model is ModelUnavailable",
                        json(404, Fixtures.text("fixtures/anthropic-error-404-model-not-found.json")),
                        failure(ErrorKind.MODEL_UNAVAILABLE, 404, "not_found_error").requestId("req_011Ca91w52tzWPP7RWAd8yCY")
                                .detailContains("check the model id \"" + MODEL + "\"")),
                FailureCase.of("504 timeout_error is ProviderUnavailable, like any 504",
                        json(504, anthropicError("timeout_error", "Request timeout")),
                        failure(ErrorKind.PROVIDER_UNAVAILABLE, 504, "timeout_error")),
                FailureCase.of("other 400 invalid_request_error is InvalidRequest",
                        json(400, anthropicError("invalid_request_error", "max_tokens: 100000 > 64000, which is the maximum"
                                + " allowed number of output tokens for claude-sonnet-4-5")),
                        failure(ErrorKind.INVALID_REQUEST, 400, "invalid_request_error").detailContains("max_tokens")),
                FailureCase.of("x-should-retry true overrides a final 400",
                        json(400, anthropicError("invalid_request_error", "Invalid request")).withHeader("x-should-retry", "true"),
                        failure(ErrorKind.INVALID_REQUEST, 400, "invalid_request_error").shouldRetry(true)),
                // Constructed: the overloaded error object inside an HTTP 200 body, as clients have reported.
                FailureCase.of("overloaded_error object inside an HTTP 200 body",
                        json(200, overloaded),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).providerCode("overloaded_error")
                                .detailContains("error inside an HTTP 200 body")));
    }

    @Override
    protected List<FailureCase> failuresInStream() {
        String firstDelta = STREAM_BASIC.substring(0, STREAM_BASIC.indexOf("event: content_block_delta",
                STREAM_BASIC.indexOf("\"Hello\"")));
        // Constructed: error events in the streaming guide's shape, after the stream began.
        return List.of(
                FailureCase.of("overloaded_error event after the first delta, as the docs show it",
                        CannedResponse.sse(firstDelta + "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\":"
                                + " \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n").withHeader("request-id", "req_s1"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).providerCode("overloaded_error").requestId("req_s1")
                                .detailContains("error event inside the 200 stream: Overloaded")),
                FailureCase.of("rate_limit_error event",
                        CannedResponse.sse("event: error\ndata: " + anthropicError("rate_limit_error", "Rate limited") + "\n\n"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).providerCode("rate_limit_error")),
                FailureCase.of("api_error event",
                        CannedResponse.sse(firstDelta + "event: error\ndata: " + Fixtures.text(
                                "fixtures/anthropic-error-500-api-error.json").strip() + "\n\n"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).providerCode("api_error")
                                .requestId("req_011CXmPYtyatkKmZfJxWDowU")),
                FailureCase.of("prompt-too-long event is ContextLengthExceeded",
                        CannedResponse.sse("event: error\ndata: " + Fixtures.text(
                                "fixtures/anthropic-error-400-prompt-too-long.json").strip() + "\n\n"),
                        ExpectedFailure.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED).providerCode("invalid_request_error")
                                .requestId("req_011CV5J4YZo4J3KLTDZgDN7S")),
                FailureCase.of("invalid_request_error event fails fast",
                        CannedResponse.sse("event: error\ndata: " + anthropicError("invalid_request_error", "Bad stop") + "\n\n"),
                        ExpectedFailure.of(ErrorKind.INVALID_REQUEST).providerCode("invalid_request_error")),
                FailureCase.of("error data without an event: line",
                        CannedResponse.sse(firstDelta + "data: " + anthropicError("overloaded_error", "Overloaded") + "\n\n"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).providerCode("overloaded_error")),
                FailureCase.of("event: error with plain-text data",
                        CannedResponse.sse(firstDelta + "event: error\ndata: upstream connection lost\n\n"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).detailContains("upstream connection lost")));
    }

    static String anthropicError(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body.toString();
    }

    private static CannedResponse json(int status, String body) {
        return CannedResponse.json(status, body);
    }

    private static ExpectedFailure failure(ErrorKind kind, int status, String type) {
        return ExpectedFailure.of(kind).status(status).providerCode(type);
    }
}
