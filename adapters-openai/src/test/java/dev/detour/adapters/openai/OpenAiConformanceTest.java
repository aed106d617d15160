package dev.detour.adapters.openai;

import static dev.detour.adapters.openai.Payloads.COMPLETION;
import static dev.detour.adapters.openai.Payloads.COMPLETION_FINISH_LENGTH;
import static dev.detour.adapters.openai.Payloads.COMPLETION_JSON_SCHEMA;
import static dev.detour.adapters.openai.Payloads.ERROR_400_CONTEXT;
import static dev.detour.adapters.openai.Payloads.ERROR_401_KEY;
import static dev.detour.adapters.openai.Payloads.ERROR_404_MODEL;
import static dev.detour.adapters.openai.Payloads.ERROR_429_RATE;
import static dev.detour.adapters.openai.Payloads.ERROR_500_SERVER;
import static dev.detour.adapters.openai.Payloads.NOVITA_COMPLETION;
import static dev.detour.adapters.openai.Payloads.NOVITA_STREAM;
import static dev.detour.adapters.openai.Payloads.STREAM_BASIC;
import static dev.detour.adapters.openai.Payloads.STREAM_INCLUDE_USAGE;
import static dev.detour.adapters.openai.Payloads.openAiError;
import static dev.detour.adapters.openai.Payloads.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.conformance.AnswerCase;
import dev.detour.core.conformance.CannedResponse;
import dev.detour.core.conformance.ExpectedAnswer;
import dev.detour.core.conformance.ExpectedFailure;
import dev.detour.core.conformance.FailureCase;
import dev.detour.core.conformance.ModelPortConformanceTest;
import dev.detour.core.conformance.PortSetup;
import dev.detour.core.conformance.StreamCase;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The OpenAI adapter against the shared conformance kit, with OpenAI's and compatible servers' payloads. */
class OpenAiConformanceTest extends ModelPortConformanceTest {

    private static final String MODEL = "gpt-4o-mini";

    private final List<OpenAiProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(OpenAiProvider::close);
        providers.clear();
    }

    @Override
    protected ModelPort createPort(PortSetup setup) {
        OpenAiProvider provider = OpenAiProvider.create(OpenAiSettings.builder()
                .providerName(setup.model().provider())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .apiKeyVariable("OPENAI_API_KEY")
                .connectTimeout(setup.connectTimeout())
                .readTimeout(setup.readTimeout())
                .callTimeout(setup.callTimeout())
                .maxResponseBytes(setup.maxResponseBytes())
                .build());
        providers.add(provider);
        return provider.model(setup.model().model());
    }

    @Override
    protected String requestPath() {
        return "/v1/chat/completions";
    }

    @Override
    protected String modelId() {
        return MODEL;
    }

    @Override
    protected void verifyRequestBody(String json, ChatRequest sent) {
        RequestSchema.assertValid(json);
        ObjectNode expected = Payloads.JSON.createObjectNode().put("model", MODEL);
        expected.putArray("messages")
                .add(message("system", sent.messages().getFirst().content()))
                .add(message("user", USER_TEXT));
        if (sent.stream()) {
            expected.put("stream", true);
            expected.putObject("stream_options").put("include_usage", true);
        }
        assertThat(tree(json)).as("request JSON").isEqualTo(expected);
    }

    private static JsonNode message(String role, String content) {
        return Payloads.JSON.createObjectNode().put("role", role).put("content", content);
    }

    // ---------------------------------------------------------------- answers

    @Override
    protected List<AnswerCase> plainAnswers() {
        JsonNode novita = tree(NOVITA_COMPLETION);
        return List.of(
                new AnswerCase("OpenAI completion with usage details and system_fingerprint null",
                        CannedResponse.json(200, COMPLETION).withHeader("x-request-id", "req_7b1e0c2f"),
                        ExpectedAnswer.of("to two.", "stop", new TokenUsage(19, 4, 23))
                                .servedModel("gpt-3.5-turbo-0125").requestId("req_7b1e0c2f")),
                new AnswerCase("OpenAI structured output (json_schema) answer",
                        CannedResponse.json(200, COMPLETION_JSON_SCHEMA),
                        ExpectedAnswer.of("{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}", "stop",
                                new TokenUsage(79, 14, 93)).servedModel("gpt-4o-2024-08-06")),
                new AnswerCase("OpenAI answer cut by the token limit (finish_reason length)",
                        CannedResponse.json(200, COMPLETION_FINISH_LENGTH),
                        ExpectedAnswer.of("{\"", "length", new TokenUsage(79, 1, 80)).servedModel("gpt-4o-2024-08-06")),
                new AnswerCase("compatible server without logprobs or refusal and with null token details (Novita)",
                        CannedResponse.json(200, NOVITA_COMPLETION),
                        ExpectedAnswer.of(novita.at("/choices/0/message/content").asText(), "stop",
                                new TokenUsage(46, 584, 630)).servedModel("meta-llama/llama-3.1-8b-instruct")),
                // Constructed: a local server that reports no usage and an empty id.
                new AnswerCase("compatible server without usage and with an empty id",
                        CannedResponse.json(200, """
                                {"id":"","object":"chat.completion","created":0,"model":"llama3:8b","choices":[\
                                {"index":0,"message":{"role":"assistant","content":"One, two."},"finish_reason":"stop"}]}"""),
                        ExpectedAnswer.of("One, two.", "stop", TokenUsage.NONE).servedModel("llama3:8b")));
    }

    @Override
    protected List<StreamCase> streamedAnswers() {
        String basicWithoutDone = STREAM_BASIC.replace("data: [DONE]\n\n", "");
        return List.of(
                new StreamCase("OpenAI stream without usage, ended by [DONE]",
                        CannedResponse.sse(STREAM_BASIC).withHeader("x-request-id", "req_5d4c3b2a"),
                        List.of("two"),
                        ExpectedAnswer.of("two", "stop", TokenUsage.NONE)
                                .servedModel("gpt-3.5-turbo-0125").requestId("req_5d4c3b2a")),
                new StreamCase("OpenAI stream whose usage arrives in a final chunk with empty choices",
                        CannedResponse.sse(STREAM_INCLUDE_USAGE),
                        Payloads.deltas(STREAM_INCLUDE_USAGE),
                        ExpectedAnswer.of(String.join("", Payloads.deltas(STREAM_INCLUDE_USAGE)), "stop",
                                new TokenUsage(14, 30, 44)).servedModel("gpt-4o-2024-08-06")),
                new StreamCase("compatible server sending cumulative usage on every chunk (Novita)",
                        CannedResponse.sse(NOVITA_STREAM),
                        Payloads.deltas(NOVITA_STREAM),
                        ExpectedAnswer.of(String.join("", Payloads.deltas(NOVITA_STREAM)), "length",
                                new TokenUsage(46, 20, 66)).servedModel("meta-llama/llama-3.1-8b-instruct")),
                new StreamCase("stream with no [DONE]: the end of the body ends it",
                        CannedResponse.sse(basicWithoutDone), List.of("two"),
                        ExpectedAnswer.of("two", "stop", TokenUsage.NONE).servedModel("gpt-3.5-turbo-0125")),
                new StreamCase("stream whose last event is cut off by the end of the body",
                        CannedResponse.sse(basicWithoutDone.stripTrailing()), List.of("two"),
                        ExpectedAnswer.of("two", "stop", TokenUsage.NONE).servedModel("gpt-3.5-turbo-0125")),
                new StreamCase("data: without a space, comment lines and CRLF line ends",
                        CannedResponse.sse((": keep-alive\n\n" + STREAM_BASIC.replace("data: ", "data:"))
                                .replace("\n", "\r\n")),
                        List.of("two"),
                        ExpectedAnswer.of("two", "stop", TokenUsage.NONE).servedModel("gpt-3.5-turbo-0125")),
                // Constructed: one event's JSON spread over two data: lines, and a finish reason this
                // version does not know, sent only on the last chunk.
                new StreamCase("multi-line data and an unknown finish reason on the last chunk only",
                        CannedResponse.sse("""
                                data: {"id":"c1","object":"chat.completion.chunk","model":"local-model",
                                data:  "choices":[{"index":0,"delta":{"role":"assistant","content":"One,"}}]}

                                data: {"id":"c1","object":"chat.completion.chunk","model":"local-model","choices":[{"index":0,"delta":{"content":" two."}}]}

                                data: {"id":"c1","object":"chat.completion.chunk","model":"local-model","choices":[{"index":0,"delta":{},"finish_reason":"recitation"}]}

                                """),
                        List.of("One,", " two."),
                        ExpectedAnswer.of("One, two.", "recitation", TokenUsage.NONE).servedModel("local-model")));
    }

    @Override
    protected CannedResponse truncatedStream() {
        List<String> events = Payloads.events(STREAM_INCLUDE_USAGE);
        StringBuilder cut = new StringBuilder();
        events.subList(0, 6).forEach(event -> cut.append("data: ").append(event).append("\n\n"));
        return CannedResponse.sse(cut.toString());
    }

    // ---------------------------------------------------------------- the error table of issue 3

    @Override
    protected List<FailureCase> failureCases() {
        String rateLimited = ERROR_429_RATE;
        // Constructed in OpenAI's documented shapes (platform error-code guide):
        String quota = openAiError("You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", null, "insufficient_quota");
        String region = openAiError("Country, region, or territory not supported", "request_forbidden", null,
                "unsupported_country_region_territory");
        String overloaded = openAiError("The engine is currently overloaded, please try again later", "server_error",
                null, null);
        String badValue = openAiError("Invalid 'temperature': decimal above maximum value. Expected a value <= 2,"
                + " but got 3 instead.", "invalid_request_error", "temperature", "decimal_above_max_value");
        return List.of(
                FailureCase.of("429 rate_limit_exceeded waits retry-after-ms before retry-after",
                        json(429, rateLimited, "req_a1").withHeader("retry-after-ms", "1500").withHeader("retry-after", "30"),
                        rateLimitedWait("req_a1", Duration.ofMillis(1500))),
                FailureCase.of("429 rate_limit_exceeded waits retry-after seconds before x-ratelimit-reset",
                        json(429, rateLimited, "req_a2").withHeader("retry-after", "20")
                                .withHeader("x-ratelimit-reset-tokens", "6m0s"),
                        rateLimitedWait("req_a2", Duration.ofSeconds(20))),
                FailureCase.of("429 rate_limit_exceeded waits the longer of x-ratelimit-reset-requests and -tokens",
                        json(429, rateLimited, "req_a3").withHeader("x-ratelimit-reset-requests", "1s")
                                .withHeader("x-ratelimit-reset-tokens", "6m0s"),
                        rateLimitedWait("req_a3", Duration.ofMinutes(6))),
                FailureCase.of("429 rate_limit_exceeded reads x-ratelimit-reset-tokens 12ms",
                        json(429, rateLimited, "req_a4").withHeader("x-ratelimit-reset-tokens", "12ms"),
                        rateLimitedWait("req_a4", Duration.ofMillis(12))),
                FailureCase.of("429 rate_limit_exceeded reads x-ratelimit-reset-requests 1.5s",
                        json(429, rateLimited, "req_a5").withHeader("x-ratelimit-reset-requests", "1.5s"),
                        rateLimitedWait("req_a5", Duration.ofMillis(1500))),
                FailureCase.of("429 rate_limit_exceeded without wait headers reports no wait",
                        json(429, rateLimited, "req_a6"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).status(429).providerCode("rate_limit_exceeded")
                                .requestId("req_a6").detailContains("Rate limit reached")),
                FailureCase.of("429 insufficient_quota is QuotaExceeded, not a rate limit",
                        json(429, quota, "req_b1").withHeader("retry-after", "20"),
                        ExpectedFailure.of(ErrorKind.QUOTA_EXCEEDED).status(429).providerCode("insufficient_quota")
                                .requestId("req_b1").detailContains("exceeded your current quota")),
                FailureCase.of("400 context_length_exceeded",
                        json(400, ERROR_400_CONTEXT, "req_c1"),
                        ExpectedFailure.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED).status(400)
                                .providerCode("context_length_exceeded").requestId("req_c1")
                                .detailContains("maximum context length is 4097 tokens")),
                FailureCase.of("401 invalid_api_key",
                        json(401, ERROR_401_KEY, "req_d1"),
                        ExpectedFailure.of(ErrorKind.AUTHENTICATION_FAILED).status(401).providerCode("invalid_api_key")
                                .requestId("req_d1").detailContains("OPENAI_API_KEY")),
                FailureCase.of("403 unsupported region",
                        json(403, region, "req_d2"),
                        ExpectedFailure.of(ErrorKind.AUTHENTICATION_FAILED).status(403)
                                .providerCode("unsupported_country_region_territory").requestId("req_d2")),
                FailureCase.of("404 model_not_found",
                        json(404, ERROR_404_MODEL, "req_e1"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(404).providerCode("model_not_found")
                                .requestId("req_e1").detailContains("does not exist")),
                FailureCase.of("408 is Timeout",
                        json(408, openAiError("Request timed out.", "timeout", null, null), "req_f1"),
                        ExpectedFailure.of(ErrorKind.TIMEOUT).status(408).requestId("req_f1")),
                FailureCase.of("409 is ProviderUnavailable",
                        json(409, openAiError("The request conflicted with another request.",
                                "invalid_request_error", null, null), "req_g1"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(409).requestId("req_g1")),
                FailureCase.of("500 server_error with the request id only in its message",
                        CannedResponse.json(500, ERROR_500_SERVER),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(500)
                                .requestId("e5c949c8ec2c86be225544e5eefcbe4d")),
                FailureCase.of("502 with a numeric code (Cloudflare bad gateway)",
                        json(502, "{\"error\":{\"code\":502,\"message\":\"Bad gateway.\",\"param\":null,"
                                + "\"type\":\"cf_bad_gateway\"}}", "req_h1"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(502).requestId("req_h1")
                                .detailContains("Bad gateway.")),
                FailureCase.of("503 engine overloaded",
                        json(503, overloaded, "req_h2"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(503).requestId("req_h2")),
                FailureCase.of("503 with retry-after 0 is reported, not resent by the HTTP client",
                        json(503, overloaded, "req_h4").withHeader("retry-after", "0"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(503).requestId("req_h4")),
                FailureCase.of("504 HTML gateway timeout is ProviderUnavailable, not Timeout",
                        CannedResponse.of(504, "text/html", "<html><head><title>504 Gateway Time-out</title></head>"
                                + "<body>504 Gateway Time-out</body></html>").withHeader("x-request-id", "req_h3"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(504).requestId("req_h3")
                                .detailContains("504 Gateway Time-out")),
                FailureCase.of("x-should-retry false overrides a retryable 500",
                        json(500, overloaded, "req_i1").withHeader("x-should-retry", "false"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(500).requestId("req_i1")
                                .shouldRetry(false)),
                FailureCase.of("x-should-retry true overrides a final 400",
                        json(400, badValue, "req_i2").withHeader("x-should-retry", "true"),
                        ExpectedFailure.of(ErrorKind.INVALID_REQUEST).status(400).providerCode("decimal_above_max_value")
                                .requestId("req_i2").shouldRetry(true)),
                FailureCase.of("other 400 is InvalidRequest",
                        json(400, badValue, "req_j1"),
                        ExpectedFailure.of(ErrorKind.INVALID_REQUEST).status(400).providerCode("decimal_above_max_value")
                                .requestId("req_j1").detailContains("Invalid 'temperature'")),
                // Constructed: FastAPI-style validation error, as vLLM and LiteLLM send it.
                FailureCase.of("422 validation error with a detail list is InvalidRequest",
                        json(422, "{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field required\","
                                + "\"type\":\"value_error.missing\"}]}", "req_j2"),
                        ExpectedFailure.of(ErrorKind.INVALID_REQUEST).status(422).requestId("req_j2")
                                .detailContains("field required")),
                FailureCase.of("413 is ContextLengthExceeded",
                        CannedResponse.of(413, "text/plain", "Request Entity Too Large"),
                        ExpectedFailure.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED).status(413)),
                FailureCase.of("402 is QuotaExceeded",
                        json(402, "{\"error\":\"Insufficient credits\"}", "req_k1"),
                        ExpectedFailure.of(ErrorKind.QUOTA_EXCEEDED).status(402).requestId("req_k1")),
                FailureCase.of("410 is ModelUnavailable",
                        json(410, openAiError("The model has been deprecated.", "invalid_request_error", null, null),
                                "req_k2"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(410).requestId("req_k2")),
                // Constructed in the shapes compatible servers use:
                FailureCase.of("compatible server: {\"error\":\"text\"} on 401",
                        CannedResponse.json(401, "{\"error\":\"unauthorized\"}"),
                        ExpectedFailure.of(ErrorKind.AUTHENTICATION_FAILED).status(401).detailContains("unauthorized")),
                FailureCase.of("compatible server: vLLM context-length error known by its words",
                        CannedResponse.json(400, "{\"object\":\"error\",\"message\":\"This model's maximum context"
                                + " length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages,"
                                + " 1000 in the completion).\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"),
                        ExpectedFailure.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED).status(400)),
                FailureCase.of("compatible server: llama.cpp context-size error",
                        CannedResponse.json(400, "{\"error\":{\"code\":400,\"message\":\"the request exceeds the"
                                + " available context size, try increasing it\",\"type\":\"exceed_context_size_error\"}}"),
                        ExpectedFailure.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED).status(400)),
                FailureCase.of("compatible server: vLLM NotFoundError",
                        CannedResponse.json(404, "{\"object\":\"error\",\"message\":\"The model `gpt-4o-mini` does not"
                                + " exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(404).detailContains("does not exist")),
                FailureCase.of("compatible server: top-level message on 429",
                        CannedResponse.json(429, "{\"message\":\"Too many requests, slow down\"}")
                                .withHeader("retry-after", "2"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).status(429).retryAfter(Duration.ofSeconds(2))
                                .detailContains("slow down")),
                FailureCase.of("compatible server: {\"detail\":\"Not Found\"} for a wrong base URL",
                        CannedResponse.json(404, "{\"detail\":\"Not Found\"}"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(404).detailContains("Not Found")),
                FailureCase.of("compatible server: 405 for a base URL that is not the API root",
                        CannedResponse.of(405, "text/plain", "Method Not Allowed"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(405).detailContains("API root")));
    }

    @Override
    protected List<FailureCase> failuresInStream() {
        String firstEvents = "data: " + Payloads.events(STREAM_BASIC).get(0) + "\n\n"
                + "data: " + Payloads.events(STREAM_BASIC).get(1) + "\n\n";
        // Constructed: OpenAI sends an error object as a data event when a stream fails after it began.
        return List.of(
                FailureCase.of("server_error event after the first delta",
                        CannedResponse.sse(firstEvents + "data: " + openAiError("The server had an error while"
                                + " processing your request. Sorry about that!", "server_error", null, null) + "\n\n")
                                .withHeader("x-request-id", "req_s1"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).requestId("req_s1")
                                .detailContains("had an error")),
                FailureCase.of("rate_limit_exceeded event",
                        CannedResponse.sse("data: " + ERROR_429_RATE.replace("\n", "") + "\n\n")
                                .withHeader("x-request-id", "req_s2"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).providerCode("rate_limit_exceeded")
                                .requestId("req_s2")),
                FailureCase.of("insufficient_quota event",
                        CannedResponse.sse(firstEvents + "data: " + openAiError("You exceeded your current quota.",
                                "insufficient_quota", null, "insufficient_quota") + "\n\n"),
                        ExpectedFailure.of(ErrorKind.QUOTA_EXCEEDED).providerCode("insufficient_quota")),
                FailureCase.of("context_length_exceeded event",
                        CannedResponse.sse("data: " + ERROR_400_CONTEXT.replace("\n", "") + "\n\n"),
                        ExpectedFailure.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED).providerCode("context_length_exceeded")),
                FailureCase.of("event: error with a vLLM body carrying status 400",
                        CannedResponse.sse(firstEvents + "event: error\ndata: {\"object\":\"error\",\"message\":"
                                + "\"Invalid stop sequence\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}\n\n"),
                        ExpectedFailure.of(ErrorKind.INVALID_REQUEST).status(400).detailContains("Invalid stop")),
                FailureCase.of("event: error with plain-text data",
                        CannedResponse.sse(firstEvents + "event: error\ndata: upstream connection lost\n\n"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).detailContains("upstream connection lost")));
    }

    private static CannedResponse json(int status, String body, String requestId) {
        return CannedResponse.json(status, body).withHeader("x-request-id", requestId);
    }

    private static ExpectedFailure rateLimitedWait(String requestId, Duration wait) {
        return ExpectedFailure.of(ErrorKind.RATE_LIMITED).status(429).providerCode("rate_limit_exceeded")
                .requestId(requestId).retryAfter(wait);
    }
}
