package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.RateLimitedException;
import dev.detour.core.model.ResponseFormat;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of issue 4's error table, with the recorded body where the fixtures have one. */
class ErrorMappingTest extends RouterTestSupport {

    record Plan(String title) {}

    @Test
    void recorded401IsAuthenticationFailedWithStatusRequestIdAndServedProvider() {
        enqueue(json(401, fixture("hf-router-error-401-invalid-credentials.json"))
                .addHeader("WWW-Authenticate", "Bearer realm=\"Authentication required\", charset=\"UTF-8\"")
                .addHeader("X-Error-Message", "Invalid username or password.")
                .addHeader("X-Request-Id", "Root=1-67dd4e3c-1;8ce0a04b"));

        ModelCallException failure = failureOf(port("meta-llama/Meta-Llama-3-70B-Instruct:hf-inference"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(failure.httpStatus()).hasValue(401);
        assertThat(failure.requestId()).contains("Root=1-67dd4e3c-1;8ce0a04b");
        assertThat(failure.inferenceProvider()).contains("hf-inference");
        assertThat(failure.detail()).startsWith("Invalid username or password.");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.fallBackAllowed()).isTrue();
    }

    @Test
    void aRoutedProvidersOwnAuthFailureIsAuthenticationFailedFromThatProviderNotRetried() {
        // Illustrative body: a provider rejecting the router's call for a model it serves in "staging mode".
        enqueue(json(401, "{\"error\":{\"message\":\"Model meta-llama/Llama-3.3-70B-Instruct is in staging mode"
                + " for provider hyperbolic; authentication failed\",\"type\":\"authentication_error\"}}")
                .addHeader("x-inference-provider", "hyperbolic"));

        ModelCallException failure = failureOf(port("meta-llama/Llama-3.3-70B-Instruct"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(failure.summary()).isEqualTo("HTTP 401 from hyperbolic");
        assertThat(failure.providerCode()).contains("authentication_error");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void recorded402IsQuotaExceededAndNeverRetried() {
        enqueue(json(402, fixture("hf-router-error-402-credits-exhausted.json")));

        ModelCallException failure = failureOf(port("Qwen/Qwen2.5-72B-Instruct:novita"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(failure.httpStatus()).hasValue(402);
        assertThat(failure.detail()).startsWith("You have exceeded your monthly included credits for Inference Providers.");
        assertThat(failure.inferenceProvider()).contains("novita");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.fallBackAllowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "You have depleted your monthly included credits. Purchase pre-paid credits to continue using Inference Providers.",
        "You have reached the free monthly usage limit for groq. Add pre-paid credits to your account to continue using groq."})
    void everyCreditsWordingOf402IsQuotaExceeded(String wording) {
        enqueue(json(402, "{\"error\":\"" + wording + "\"}"));

        ModelCallException failure = failureOf(port("org/model:groq"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(failure.detail()).isEqualTo(wording);
    }

    @Test
    void a403ForATokenWithoutTheInferenceProvidersPermissionIsAuthenticationFailed() {
        enqueue(json(403, "{\"error\":\"This authentication method does not have sufficient permissions to call"
                + " Inference Providers on behalf of user someone\"}"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(failure.httpStatus()).hasValue(403);
        assertThat(failure.detail()).contains("sufficient permissions").contains("may make calls to Inference Providers");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Model Qwen/Qwen2.5-72B-Instruct is not supported by provider cerebras.",
        "The requested model 'Qwen/Qwen2.5-72B-Instruct' is not supported by any provider you have enabled."})
    void a400ForAModelNoProviderServesIsModelUnavailable(String wording) {
        enqueue(json(400, "{\"error\":\"" + wording + "\"}"));

        ModelCallException failure = failureOf(port("Qwen/Qwen2.5-72B-Instruct:cerebras"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(failure.httpStatus()).hasValue(400);
        assertThat(failure.inferenceProvider()).contains("cerebras");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void recorded404ForAModelThatDoesNotExistIsModelUnavailable() {
        enqueue(json(404, fixture("hf-router-error-404-model-does-not-exist.json")));

        ModelCallException failure = failureOf(port("this-model-does-not-exist-123"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(failure.httpStatus()).hasValue(404);
        assertThat(failure.detail()).isEqualTo("Model this-model-does-not-exist-123 does not exist");
    }

    @Test
    void a410ForAModelNoLongerServedIsModelUnavailable() {
        enqueue(json(410, "{\"error\":\"Model org/old has been deprecated\"}"));

        assertThat(failureOf(port("org/old"), question()).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    }

    @Test
    void a422TemplateErrorMeansTheModelCannotChatSoItIsModelUnavailable() {
        enqueue(json(422, "{\"error\":\"Template error: template not found\",\"error_type\":\"template_error\"}")
                .addHeader("x-inference-provider", "hf-inference"));

        ModelCallException failure = failureOf(port("openai-community/gpt2"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(failure.providerCode()).contains("template_error");
        assertThat(failure.detail()).contains("chat template");
        assertThat(failure.fallBackAllowed()).isTrue();
    }

    @Test
    void recorded422ValidationErrorIsInvalidRequestThatFailsFast() {
        enqueue(json(422, fixture("hf-router-error-422-validation.json")));

        ModelCallException failure = failureOf(port("openai-community/gpt2:hf-inference"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failure.httpStatus()).hasValue(422);
        assertThat(failure.providerCode()).contains("validation");
        assertThat(failure.detail()).startsWith("Input validation error: `inputs` tokens + `max_new_tokens` must be <= 1024.");
        assertThat(failure.fallBackAllowed()).isFalse();
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void aPlainTextDeserializationError400IsInvalidRequest() {
        enqueue(new mockwebserver3.MockResponse.Builder().code(400)
                .setHeader("Content-Type", "text/plain; charset=utf-8")
                .body("Failed to deserialize the JSON body into the target type: messages[0]: missing field `content`"
                        + " at line 1 column 42"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failure.detail()).startsWith("Failed to deserialize the JSON body");
    }

    @Test
    void a429HonoursRetryAfterSeconds() {
        enqueue(json(429, "{\"error\":\"Too many requests\"}").addHeader("Retry-After", "7"));

        ModelCallException failure = failureOf(port("org/model:novita"), question());

        assertThat(failure).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) failure).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void a429HonoursAProvidersRateLimitResetHeader() {
        enqueue(json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\","
                + "\"code\":\"rate_limit_exceeded\"}}")
                .addHeader("x-ratelimit-reset-requests", "1.5s")
                .addHeader("x-inference-provider", "groq"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(((RateLimitedException) failure).retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(failure.providerCode()).contains("rate_limit_exceeded");
        assertThat(failure.inferenceProvider()).contains("groq");
    }

    @Test
    void aRouter429WithoutWaitHeadersAsksForNoProviderWait() {
        enqueue(json(429, "{\"error\":\"Rate limit reached. You reached free usage limit (reset hourly).\"}"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(((RateLimitedException) failure).retryAfter()).isEmpty();
    }

    @Test
    void recorded503ModelLoadingIsRateLimitedWithTheEstimatedWait() {
        enqueue(json(503, fixture("hf-router-error-503-model-loading.json"))
                .addHeader("x-request-id", "NBkRpeOxOFqqVgoQbQBkR"));

        ModelCallException failure = failureOf(
                port("distilbert/distilbert-base-uncased-finetuned-sst-2-english:hf-inference"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failure.httpStatus()).hasValue(503);
        assertThat(failure.requestId()).contains("NBkRpeOxOFqqVgoQbQBkR");
        assertThat(((RateLimitedException) failure).retryAfter()).contains(Duration.ofSeconds(20));
        assertThat(failure.getMessage()).contains("is currently loading").contains("provider asks to wait 20 s");
    }

    @Test
    void aFractionalLoadingEstimateIsKeptToTheMillisecond() {
        enqueue(json(503, "{\"error\":\"Model meta-llama/Llama-3.2-1B-Instruct is currently loading\","
                + "\"estimated_time\":98.86515045166016}"));

        ModelCallException failure = failureOf(port("meta-llama/Llama-3.2-1B-Instruct"), question());

        assertThat(((RateLimitedException) failure).retryAfter()).contains(Duration.ofMillis(98_865));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 409, 520, 529})
    void serverFailuresAreProviderUnavailableNamingTheProvider(int status) {
        enqueue(json(status, "{\"error\":\"upstream failed\"}").addHeader("x-inference-provider", "novita"));

        ModelCallException failure = failureOf(port("Qwen/Qwen2.5-72B-Instruct"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.httpStatus()).hasValue(status);
        assertThat(failure.getMessage()).contains("HTTP " + status + " from novita");
        assertThat(failure.retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {405, 418, 424, 451})
    void aClientErrorTheTableDoesNotNameFallsBackWithoutRetry(int status) {
        enqueue(json(status, "{\"error\":\"not here\"}"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.httpStatus()).hasValue(status);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.fallBackAllowed()).isTrue();
    }

    @Test
    void anHtmlGatewayPageIsSummarisedNotDumped() {
        String page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad"
                + " Gateway</h1></center><hr><center>cloudfront</center>" + "<p>padding</p>".repeat(500) + "</body></html>";
        enqueue(new mockwebserver3.MockResponse.Builder().code(502)
                .setHeader("Content-Type", "text/html").body(page));

        ModelCallException failure = failureOf(port("org/model:novita"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.detail()).isEqualTo("HTML error page from " + server.getHostName() + " (\"502 Bad Gateway\")");
        assertThat(failure.getMessage()).doesNotContain("<html").doesNotContain("padding");
    }

    @Test
    void anEmptyErrorBodyFallsBackToTheRoutersErrorMessageHeader() {
        enqueue(new mockwebserver3.MockResponse.Builder().code(500).addHeader("X-Error-Message", "Upstream timed out")
                .addHeader("X-Error-Code", "UpstreamError"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.detail()).isEqualTo("Upstream timed out");
        assertThat(failure.providerCode()).contains("UpstreamError");
    }

    @Test
    void topLevelMessageAndDetailBodiesAreRead() {
        enqueue(json(400, "{\"message\":\"temperature must be positive\",\"code\":\"bad_param\"}"));
        enqueue(json(422, "{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field required\"}]}"));

        ModelCallException message = failureOf(port("org/model"), question());
        ModelCallException detail = failureOf(port("org/model"), question());

        assertThat(message.detail()).isEqualTo("temperature must be positive");
        assertThat(message.providerCode()).contains("bad_param");
        assertThat(detail.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(detail.detail()).contains("field required");
    }

    @Test
    void aLongTextBodyIsTrimmedButTheStatusSurvives() {
        enqueue(new mockwebserver3.MockResponse.Builder().code(500).setHeader("Content-Type", "text/plain")
                .body("x".repeat(300_000)));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.httpStatus()).hasValue(500);
        assertThat(failure.detail().length()).isLessThanOrEqualTo(ModelCallException.MAX_DETAIL_LENGTH);
    }

    @Test
    void aProvidersShouldRetryHeaderOverridesTheKindsRetryRule() {
        enqueue(json(500, "{\"error\":\"failed\"}").addHeader("x-should-retry", "false"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void a408IsATimeout() {
        enqueue(json(408, "{\"error\":\"Request timeout\"}"));

        assertThat(failureOf(port("org/model"), question()).kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void aContextLengthErrorIsContextLengthExceeded() {
        enqueue(json(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));
        enqueue(json(413, "{\"error\":\"Payload Too Large\"}"));

        assertThat(failureOf(port("org/model"), question()).kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
        assertThat(failureOf(port("org/model"), question()).kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    }

    @Test
    void aProviderRejectingStructuredOutputIsModelUnavailableSoTheChainCanFallBack() {
        enqueue(json(400, "{\"error\":{\"message\":\"response_format json_schema is not supported for this model\","
                + "\"type\":\"invalid_request_error\"}}").addHeader("x-inference-provider", "sambanova"));

        ModelCallException failure = failureOf(port("org/model"),
                question().withResponseFormat(ResponseFormat.of(Plan.class)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(failure.fallBackAllowed()).isTrue();
        assertThat(failure.detail()).contains("structured output was refused");
        assertThat(failure.inferenceProvider()).contains("sambanova");
    }

    @Test
    void theSameWordsWithoutAStructuredOutputRequestStayAnInvalidRequest() {
        enqueue(json(400, "{\"error\":{\"message\":\"response_format json_schema is not supported for this model\","
                + "\"type\":\"invalid_request_error\"}}"));

        assertThat(failureOf(port("org/model"), question()).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }
}
