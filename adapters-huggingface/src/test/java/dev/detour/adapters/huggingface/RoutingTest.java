package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelCallException;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class RoutingTest extends RouterTestSupport {

    private static final String NOVITA = fixture("hf-router-novita-chat-completion.json");

    @Test
    void everyModelGoesThroughV1ChatCompletionsByDefaultWithItsWholeIdInTheBody() {
        enqueue(json(200, NOVITA));

        port("meta-llama/Llama-3.1-8B-Instruct:novita").chat(question());

        RecordedRequest request = recorded();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(bodyOf(request).get("model").textValue()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct:novita");
    }

    @Test
    void aProviderWithALegacyRouteIsCalledThroughItsProxyPathWithTheBareModelId() {
        enqueue(json(200, NOVITA));

        ChatResponse response = port("meta-llama/llama-3.1-8b-instruct:novita",
                settings -> settings.withProviderRoute("novita", "/v3/openai/chat/completions")).chat(question());

        RecordedRequest request = recorded();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/novita/v3/openai/chat/completions");
        assertThat(bodyOf(request).get("model").textValue()).isEqualTo("meta-llama/llama-3.1-8b-instruct");
        assertThat(response.inferenceProvider()).contains("novita");
    }

    @Test
    void theModelPlaceholderOfARouteBecomesTheRepositoryPath() {
        enqueue(json(200, NOVITA));

        port("meta-llama/Meta-Llama-3-70B-Instruct:hf-inference",
                settings -> settings.withProviderRoute("hf-inference", "/models/{model}/v1/chat/completions"))
                .chat(question());

        RecordedRequest request = recorded();
        assertThat(request.getUrl().encodedPath())
                .isEqualTo("/hf-inference/models/meta-llama/Meta-Llama-3-70B-Instruct/v1/chat/completions");
        assertThat(bodyOf(request).get("model").textValue()).isEqualTo("meta-llama/Meta-Llama-3-70B-Instruct");
    }

    @Test
    void aModelIdWithDotDotSegmentsIsRefusedBeforeAnythingIsSent() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> port("x/../../admin/x:novita",
                        settings -> settings.withProviderRoute("novita", "/v3/{model}/chat/completions")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"..\" segment");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> port("org/%2E%2e:novita",
                        settings -> settings.withProviderRoute("novita", "/v3/{model}/chat/completions")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aModelIdInARouteIsEncodedSoItCannotChangeThePathsStructure() {
        enqueue(json(200, NOVITA));

        port("org/na?me#%2e%2e:novita", settings -> settings.withProviderRoute("novita", "/v3/{model}/chat/completions"))
                .chat(question());

        RecordedRequest request = recorded();
        assertThat(request.getUrl().pathSegments()).containsExactly("novita", "v3", "org", "na?me#%2e%2e", "chat",
                "completions");
        assertThat(request.getUrl().query()).isNull();
    }

    @Test
    void modelsPinnedToOtherProvidersOrToAPolicyKeepTheDefaultRoute() {
        enqueue(json(200, NOVITA));
        enqueue(json(200, NOVITA));

        port("org/model:together", settings -> settings.withProviderRoute("novita", "/v3/openai/chat/completions"))
                .chat(question());
        port("org/model:fastest", settings -> settings.withProviderRoute("novita", "/v3/openai/chat/completions"))
                .chat(question());

        assertThat(recorded().getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded().getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void aBaseUrlWithAPathKeepsItInFrontOfEveryRoute() {
        enqueue(json(200, NOVITA));
        enqueue(json(200, NOVITA));

        port("org/model", settings -> settings.withBaseUrl(server.url("/proxy/hf").uri())).chat(question());
        port("org/model:novita", settings -> settings.withBaseUrl(server.url("/proxy/hf/").uri())
                .withProviderRoute("novita", "/v3/openai/chat/completions")).chat(question());

        assertThat(recorded().getUrl().encodedPath()).isEqualTo("/proxy/hf/v1/chat/completions");
        assertThat(recorded().getUrl().encodedPath()).isEqualTo("/proxy/hf/novita/v3/openai/chat/completions");
    }

    @Test
    void theServedProviderIsTheInferenceProviderHeaderEvenWhenAnotherWasPinned() {
        enqueue(json(200, NOVITA).addHeader("x-inference-provider", "together"));

        assertThat(port("org/model:novita").chat(question()).inferenceProvider()).contains("together");
    }

    @Test
    void theServedProviderIsTheHeaderForAPolicySuffix() {
        enqueue(json(200, NOVITA).addHeader("X-Inference-Provider", "groq"));

        assertThat(port("org/model:fastest").chat(question()).inferenceProvider()).contains("groq");
    }

    @Test
    void withoutTheHeaderTheServedProviderIsThePinnedSuffix() {
        enqueue(json(200, NOVITA));

        assertThat(port("org/model:novita").chat(question()).inferenceProvider()).contains("novita");
    }

    @Test
    void withoutTheHeaderAndWithoutAPinnedProviderTheServedProviderIsUnknown() {
        enqueue(json(200, NOVITA));
        enqueue(json(200, NOVITA));

        assertThat(port("org/model:cheapest").chat(question()).inferenceProvider()).isEmpty();
        assertThat(port("org/model").chat(question()).inferenceProvider()).isEmpty();
    }

    @Test
    void theServedProviderIsNamedInEveryErrorSoAPersonReadsWhoFailed() {
        enqueue(json(500, "{\"error\":\"Internal Server Error\"}").addHeader("x-inference-provider", "novita")
                .addHeader("x-request-id", "req-500"));

        ModelCallException failure = failureOf(port("Qwen/Qwen2.5-72B-Instruct"), question());

        assertThat(failure.inferenceProvider()).contains("novita");
        assertThat(failure.summary()).isEqualTo("HTTP 500 from novita");
        assertThat(failure.getMessage()).startsWith(
                "ProviderUnavailable: HTTP 500 from novita for hf:Qwen/Qwen2.5-72B-Instruct: Internal Server Error")
                .contains("req-500");
    }

    @Test
    void anErrorOfAPinnedModelWithoutTheHeaderNamesThePinnedProvider() {
        enqueue(json(502, "{\"error\":\"Bad Gateway\"}"));

        ModelCallException failure = failureOf(port("Qwen/Qwen2.5-72B-Instruct:novita"), question());

        assertThat(failure.summary()).isEqualTo("HTTP 502 from novita");
    }

    @Test
    void anErrorWithNoKnownServedProviderNamesTheConfiguredProvider() {
        enqueue(json(502, "{\"error\":\"Bad Gateway\"}"));

        ModelCallException failure = failureOf(port("Qwen/Qwen2.5-72B-Instruct:fastest"), question());

        assertThat(failure.inferenceProvider()).isEmpty();
        assertThat(failure.summary()).isEqualTo("HTTP 502 from hf");
    }
}
