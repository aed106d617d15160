package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The adapter conformance kit, fed with the router's recorded payloads and HF's error shapes. */
class HuggingFaceConformanceTest extends ModelPortConformanceTest {

    private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct:novita";
    private static final String NOVITA_COMPLETION = Fixtures.text("fixtures/hf-router-novita-chat-completion.json");
    private static final String NOVITA_STREAM = Fixtures.text("fixtures/hf-router-novita-stream.sse");
    private static final String NOVITA_REQUEST_ID =
            "Root=1-67b35993-2c0a2f4f311650c51d116a08;79e0a245-15f5-461f-82e8-0a50ac6fa93f";
    private static final String NOVITA_STREAM_REQUEST_ID = "Root=1-67d1aa89-5cf4dfde";
    private static final String STREAM_TEXT = "Deep learning is a subfield of machine learning that focuses on the"
            + " development of artificial neural networks with multiple";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HuggingFaceProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(HuggingFaceProvider::close);
        providers.clear();
    }

    @Override
    protected ModelPort createPort(PortSetup setup) {
        HuggingFaceProvider provider = HuggingFaceProvider.create(HuggingFaceSettings.defaults()
                .withProviderName(setup.model().provider())
                .withBaseUrl(setup.baseUrl())
                .withToken(setup.apiKey(), "HF_TOKEN")
                .withTimeouts(setup.connectTimeout(), setup.readTimeout(), setup.callTimeout())
                .withMaxResponseBytes(setup.maxResponseBytes()));
        providers.add(provider);
        return provider.model(setup.model().model());
    }

    @Override
    protected String basePath() {
        return "/";
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
    protected String providerName() {
        return "hf";
    }

    @Override
    protected Secret apiKey() {
        return Secret.of("hf_FakeConformanceKitToken");
    }

    @Override
    protected ChatRequest request() {
        return super.request().withOptions(GenerationOptions.defaults().withMaxOutputTokens(64));
    }

    @Override
    protected void verifyRequestBody(String json, ChatRequest sent) throws Exception {
        JsonNode body = JSON.readTree(json);
        assertThat(body.path("model").textValue()).as("model, route suffix included").isEqualTo(MODEL);
        assertThat(body.path("max_tokens").intValue()).as("HF's output-token limit field").isEqualTo(64);
        assertThat(body.has("max_completion_tokens")).as("max_completion_tokens sent").isFalse();
        assertThat(body.path("messages").size()).isEqualTo(sent.messages().size());
        if (sent.stream()) {
            assertThat(body.path("stream").booleanValue()).as("stream").isTrue();
            assertThat(body.at("/stream_options/include_usage").booleanValue()).as("include_usage").isTrue();
        } else {
            assertThat(body.has("stream")).as("stream sent on a plain request").isFalse();
        }
    }

    @Override
    protected List<AnswerCase> plainAnswers() {
        String text = readText(NOVITA_COMPLETION);
        ExpectedAnswer novita = ExpectedAnswer.of(text, "stop", new TokenUsage(46, 584, 630))
                .servedModel("meta-llama/llama-3.1-8b-instruct")
                .requestId(NOVITA_REQUEST_ID);
        return List.of(
                new AnswerCase("recorded Novita completion, served provider from x-inference-provider",
                        CannedResponse.json(200, NOVITA_COMPLETION)
                                .withHeader("x-request-id", NOVITA_REQUEST_ID)
                                .withHeader("x-inference-provider", "novita"),
                        novita.inferenceProvider("novita")),
                new AnswerCase("recorded Novita completion without the header: served provider from the :novita suffix",
                        CannedResponse.json(200, NOVITA_COMPLETION).withHeader("x-request-id", NOVITA_REQUEST_ID),
                        novita.inferenceProvider("novita")),
                new AnswerCase("the router's x-inference-provider wins over the pinned suffix",
                        CannedResponse.json(200, NOVITA_COMPLETION)
                                .withHeader("x-request-id", NOVITA_REQUEST_ID)
                                .withHeader("x-inference-provider", "together"),
                        novita.inferenceProvider("together")),
                new AnswerCase("TGI-shaped completion with eos_token, empty id and no usage",
                        CannedResponse.json(200, """
                                {"object":"chat.completion","id":"","created":1741793930,
                                 "model":"meta-llama/Llama-3.1-8B-Instruct","system_fingerprint":"3.2.1-native",
                                 "choices":[{"index":0,"message":{"role":"assistant","content":"One, two."},
                                   "logprobs":null,"finish_reason":"eos_token"}]}
                                """),
                        ExpectedAnswer.of("One, two.", "eos_token", TokenUsage.NONE)
                                .servedModel("meta-llama/Llama-3.1-8B-Instruct")
                                .inferenceProvider("novita")));
    }

    @Override
    protected List<StreamCase> streamedAnswers() {
        return List.of(
                new StreamCase("recorded Novita stream, usage on every chunk",
                        CannedResponse.sse(NOVITA_STREAM)
                                .withHeader("x-request-id", NOVITA_STREAM_REQUEST_ID)
                                .withHeader("x-inference-provider", "novita"),
                        List.of("Deep", " lear", "nin", "g is a s", "ubfield o", "f mac", "hine lea", "rni", "ng t",
                                "hat focuses ", "on ", "the develop", "ment of", " artifici", "al ne",
                                "ural networks with multiple"),
                        ExpectedAnswer.of(STREAM_TEXT, "length", new TokenUsage(46, 20, 66))
                                .servedModel("meta-llama/llama-3.1-8b-instruct")
                                .requestId(NOVITA_STREAM_REQUEST_ID)
                                .inferenceProvider("novita")),
                new StreamCase("TGI-style stream: data: without a space, no [DONE], eos_token",
                        CannedResponse.sse("data:" + chunk("One", null) + "\n\n"
                                + "data:" + chunk(", two.", null) + "\n\n"
                                + "data:" + chunk("", "eos_token") + "\n\n"),
                        List.of("One", ", two."),
                        ExpectedAnswer.of("One, two.", "eos_token", TokenUsage.NONE)
                                .servedModel("tgi")
                                .inferenceProvider("novita")));
    }

    @Override
    protected List<FailureCase> failureCases() {
        return List.of(
                FailureCase.of("recorded 401 invalid credentials",
                        CannedResponse.json(401, Fixtures.text("fixtures/hf-router-error-401-invalid-credentials.json"))
                                .withHeader("WWW-Authenticate", "Bearer realm=\"Authentication required\"")
                                .withHeader("X-Error-Message", "Invalid username or password.")
                                .withHeader("X-Request-Id", "Root=1-67dd4e3c-8ce0a04b"),
                        ExpectedFailure.of(ErrorKind.AUTHENTICATION_FAILED).status(401)
                                .requestId("Root=1-67dd4e3c-8ce0a04b").inferenceProvider("novita")
                                .detailContains("Invalid username or password.")),
                FailureCase.of("401 of a routed provider's own auth (staging mode) names that provider",
                        CannedResponse.json(401, """
                                {"error":{"message":"Model meta-llama/Llama-3.1-8B-Instruct is in staging mode for\
                                 provider hyperbolic; authentication failed","type":"authentication_error"}}""")
                                .withHeader("x-inference-provider", "hyperbolic"),
                        ExpectedFailure.of(ErrorKind.AUTHENTICATION_FAILED).status(401)
                                .providerCode("authentication_error").inferenceProvider("hyperbolic")),
                FailureCase.of("402 credits exceeded (fixture wording)",
                        CannedResponse.json(402, Fixtures.text("fixtures/hf-router-error-402-credits-exhausted.json")),
                        ExpectedFailure.of(ErrorKind.QUOTA_EXCEEDED).status(402).inferenceProvider("novita")
                                .detailContains("exceeded your monthly included credits")),
                FailureCase.of("402 credits depleted (2026 wording)",
                        CannedResponse.json(402, "{\"error\":\"You have depleted your monthly included credits."
                                + " Purchase pre-paid credits to continue using Inference Providers.\"}"),
                        ExpectedFailure.of(ErrorKind.QUOTA_EXCEEDED).status(402).inferenceProvider("novita")),
                FailureCase.of("402 free monthly limit of one provider",
                        CannedResponse.json(402, "{\"error\":\"You have reached the free monthly usage limit for"
                                + " novita. Add pre-paid credits to your account to continue using novita.\"}"),
                        ExpectedFailure.of(ErrorKind.QUOTA_EXCEEDED).status(402).inferenceProvider("novita")),
                FailureCase.of("403 token without the Inference Providers permission",
                        CannedResponse.json(403, "{\"error\":\"This authentication method does not have sufficient"
                                + " permissions to call Inference Providers on behalf of user someone\"}"),
                        ExpectedFailure.of(ErrorKind.AUTHENTICATION_FAILED).status(403).inferenceProvider("novita")
                                .detailContains("sufficient permissions")),
                FailureCase.of("400 model not supported by the pinned provider",
                        CannedResponse.json(400, "{\"error\":\"Model meta-llama/Llama-3.1-8B-Instruct is not"
                                + " supported by provider novita.\"}"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(400).inferenceProvider("novita")),
                FailureCase.of("400 model not supported by any enabled provider",
                        CannedResponse.json(400, "{\"error\":\"The requested model is not supported by any provider"
                                + " you have enabled.\"}"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(400).inferenceProvider("novita")),
                FailureCase.of("recorded 404 model does not exist",
                        CannedResponse.json(404, Fixtures.text("fixtures/hf-router-error-404-model-does-not-exist.json")),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(404).inferenceProvider("novita")
                                .detailContains("does not exist")),
                FailureCase.of("410 model gone",
                        CannedResponse.json(410, "{\"error\":\"Model has been deprecated\"}"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(410).inferenceProvider("novita")),
                FailureCase.of("422 template_error: the model cannot chat",
                        CannedResponse.json(422, "{\"error\":\"Template error: template not found\","
                                + "\"error_type\":\"template_error\"}").withHeader("x-inference-provider", "hf-inference"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).status(422).providerCode("template_error")
                                .inferenceProvider("hf-inference")),
                FailureCase.of("recorded 422 validation error fails fast",
                        CannedResponse.json(422, Fixtures.text("fixtures/hf-router-error-422-validation.json")),
                        ExpectedFailure.of(ErrorKind.INVALID_REQUEST).status(422).providerCode("validation")
                                .inferenceProvider("novita").detailContains("Input validation error")),
                FailureCase.of("400 plain-text deserialization error",
                        CannedResponse.of(400, "text/plain", "Failed to deserialize the JSON body into the target"
                                + " type: messages[0]: missing field `content` at line 1 column 42"),
                        ExpectedFailure.of(ErrorKind.INVALID_REQUEST).status(400).inferenceProvider("novita")
                                .detailContains("Failed to deserialize")),
                FailureCase.of("router 429 without wait headers",
                        CannedResponse.json(429, "{\"error\":\"Rate limit reached. You reached free usage limit"
                                + " (reset hourly).\"}"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).status(429).inferenceProvider("novita")),
                FailureCase.of("provider 429 with x-ratelimit-reset-requests",
                        CannedResponse.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\","
                                        + "\"code\":\"rate_limit_exceeded\"}}")
                                .withHeader("x-ratelimit-reset-requests", "1.5s")
                                .withHeader("x-inference-provider", "groq"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).status(429).providerCode("rate_limit_exceeded")
                                .retryAfter(Duration.ofMillis(1500)).inferenceProvider("groq")),
                FailureCase.of("recorded 503 model loading waits estimated_time",
                        CannedResponse.json(503, Fixtures.text("fixtures/hf-router-error-503-model-loading.json"))
                                .withHeader("x-request-id", "NBkRpeOxOFqqVgoQbQBkR"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).status(503).requestId("NBkRpeOxOFqqVgoQbQBkR")
                                .retryAfter(Duration.ofSeconds(20)).inferenceProvider("novita")
                                .detailContains("is currently loading")),
                FailureCase.of("503 that is not loading",
                        CannedResponse.json(503, "{\"error\":\"Service Unavailable\"}")
                                .withHeader("x-inference-provider", "novita"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(503).inferenceProvider("novita")),
                FailureCase.of("500 from the routed provider (the incident that started Detour)",
                        CannedResponse.json(500, "{\"error\":\"Internal Server Error\"}")
                                .withHeader("x-inference-provider", "novita").withHeader("x-request-id", "req-500"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(500).requestId("req-500")
                                .inferenceProvider("novita")),
                FailureCase.of("502 HTML gateway page",
                        CannedResponse.of(502, "text/html",
                                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(502).inferenceProvider("novita")
                                .detailContains("HTML error page from")),
                FailureCase.of("504 gateway timeout",
                        CannedResponse.json(504, "{\"error\":\"Gateway Timeout\"}"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(504).inferenceProvider("novita")),
                FailureCase.of("x-should-retry: false overrides the retry rule",
                        CannedResponse.json(500, "{\"error\":\"failed\"}").withHeader("x-should-retry", "false"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).status(500).shouldRetry(false)
                                .inferenceProvider("novita")),
                FailureCase.of("408 request timeout",
                        CannedResponse.json(408, "{\"error\":\"Request timeout\"}"),
                        ExpectedFailure.of(ErrorKind.TIMEOUT).status(408).inferenceProvider("novita")),
                FailureCase.of("413 payload too large",
                        CannedResponse.json(413, "{\"error\":\"Payload Too Large\"}"),
                        ExpectedFailure.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED).status(413).inferenceProvider("novita")));
    }

    @Override
    protected List<FailureCase> failuresInStream() {
        return List.of(
                FailureCase.of("recorded validation error as a stream event",
                        CannedResponse.sse("data:" + Fixtures.text("fixtures/hf-router-error-422-validation.json") + "\n\n")
                                .withHeader("x-inference-provider", "hf-inference").withHeader("x-request-id", "req-s1"),
                        ExpectedFailure.of(ErrorKind.INVALID_REQUEST).providerCode("validation").requestId("req-s1")
                                .inferenceProvider("hf-inference").detailContains("Input validation error")),
                FailureCase.of("generation error after some text",
                        CannedResponse.sse("data:" + chunk("One", null) + "\n\n"
                                + "data:{\"error\":\"Request failed during generation: Server error: CUDA out of memory\","
                                + "\"error_type\":\"generation\"}\n\n"),
                        ExpectedFailure.of(ErrorKind.PROVIDER_UNAVAILABLE).providerCode("generation")
                                .inferenceProvider("novita").detailContains("CUDA out of memory")),
                FailureCase.of("overloaded event",
                        CannedResponse.sse("data:{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}\n\n"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).providerCode("overloaded").inferenceProvider("novita")),
                FailureCase.of("template_error event",
                        CannedResponse.sse("data:{\"error\":\"Template error: template not found\","
                                + "\"error_type\":\"template_error\"}\n\n"),
                        ExpectedFailure.of(ErrorKind.MODEL_UNAVAILABLE).providerCode("template_error")
                                .inferenceProvider("novita")),
                FailureCase.of("credits used up as a stream event",
                        CannedResponse.sse("data: " + Fixtures.text("fixtures/hf-router-error-402-credits-exhausted.json")
                                + "\n\n"),
                        ExpectedFailure.of(ErrorKind.QUOTA_EXCEEDED).inferenceProvider("novita")),
                FailureCase.of("model loading as a stream event",
                        CannedResponse.sse("data: " + Fixtures.text("fixtures/hf-router-error-503-model-loading.json")
                                + "\n\n"),
                        ExpectedFailure.of(ErrorKind.RATE_LIMITED).retryAfter(Duration.ofSeconds(20))
                                .inferenceProvider("novita")));
    }

    @Override
    protected CannedResponse truncatedStream() {
        int cut = NOVITA_STREAM.indexOf("data:", NOVITA_STREAM.indexOf("\"content\":\"Deep\""));
        return CannedResponse.sse(NOVITA_STREAM.substring(0, cut));
    }

    private static String chunk(String content, String finishReason) {
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"tgi\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    private static String readText(String completion) {
        try {
            return JSON.readTree(completion).at("/choices/0/message/content").textValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
